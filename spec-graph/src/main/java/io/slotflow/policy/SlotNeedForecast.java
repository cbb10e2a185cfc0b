package io.slotflow.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Predicts when higher-ranked work will need a slot lent now (the reservation of EASY backfill).
 * Each running session is expected to end when its estimate runs out; its end frees its slot and
 * makes its higher-ranked dependents ready. Walking the ends in time order, the first moment those
 * nodes outnumber the slots free by then is when the lent slot is needed.
 *
 * <p>It looks one step ahead, as the issue asks: work that becomes ready only after a node not yet
 * running ends is not predicted (a chain's next step takes its predecessor's slot; a later fan-out
 * waits at most the borrower's estimate). Pure; O(n log n) in the running sessions.
 */
public final class SlotNeedForecast {

    /**
     * A session expected to end.
     *
     * @param atMillis when
     * @param releasesHigher how many higher-ranked nodes its end makes ready
     */
    public record Ending(long atMillis, int releasesHigher) {
    }

    private SlotNeedForecast() {
    }

    /**
     * @param freeAfterLoan slots still free once the loan is made
     * @param endings the running sessions' expected ends, the borrower's own excluded
     */
    public static SlotNeed earliestNeed(int freeAfterLoan, List<Ending> endings) {
        List<Ending> inOrder = new ArrayList<>(endings);
        inOrder.sort(Comparator.comparingLong(Ending::atMillis));
        int free = freeAfterLoan;
        int i = 0;
        while (i < inOrder.size()) {
            long at = inOrder.get(i).atMillis();
            // every session ending at one moment frees its slot before the work it releases takes one
            int demand = 0;
            while (i < inOrder.size() && inOrder.get(i).atMillis() == at) {
                free++;
                demand += inOrder.get(i).releasesHigher();
                i++;
            }
            free -= demand;
            if (free < 0) {
                return new SlotNeed(at);
            }
        }
        return SlotNeed.NEVER;
    }
}
