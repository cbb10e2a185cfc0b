package io.slotflow.policy;

import io.slotflow.footprint.CompiledFootprint;
import io.slotflow.footprint.FootprintLedger;
import java.util.Optional;

/**
 * The ready nodes ranked above a class, as a lazy node sees them: does one of them wait for a slot
 * it could take (not blocked by a running footprint, its class below its quota), and which would a
 * footprint block? Built once per decision and rank, in O(ready above · tokens); what starts later
 * in the decision only blocks more, so the answer errs on the side of holding.
 */
final class HigherRankedWaiting {

    private final int couldStart;
    private final FootprintLedger waiting;

    private HigherRankedWaiting(int couldStart, FootprintLedger waiting) {
        this.couldStart = couldStart;
        this.waiting = waiting;
    }

    static HigherRankedWaiting of(int rank, DecisionContext context) {
        ClassTable classes = context.classes();
        FootprintLedger waiting = new FootprintLedger();
        int couldStart = -1;
        for (int c = 0; c < classes.size(); c++) {
            if (classes.rank(c) >= rank || context.readyLeft(c) == 0) {
                continue;
            }
            boolean belowQuota = context.holding(c) < classes.quota(c);
            for (QueuedNode ready : context.snapshot().ready().inOrder(c)) {
                if (context.isStarted(ready.id())) {
                    continue;
                }
                waiting.acquire(ready.id(), ready.footprint());
                if (couldStart < 0 && belowQuota && context.ledger().holderOfConflict(ready.footprint()).isEmpty()) {
                    couldStart = c;
                }
            }
        }
        return new HigherRankedWaiting(couldStart, waiting);
    }

    /** The class of a higher-ranked node that could take a free slot now, or -1. */
    int couldStart() {
        return couldStart;
    }

    /** A waiting higher-ranked node this footprint would block. */
    Optional<String> blockedBy(CompiledFootprint footprint) {
        return waiting.holderOfConflict(footprint);
    }
}
