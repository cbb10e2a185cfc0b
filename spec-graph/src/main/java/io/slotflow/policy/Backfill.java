package io.slotflow.policy;

import io.slotflow.plan.Borrow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EASY backfill, as batch schedulers such as Slurm do it: a node whose class is at its quota may
 * borrow a free slot when its class borrows, nothing that could make work ready is on its way, no
 * node of a higher rank is ready, and its estimate ends before higher-ranked work is predicted to
 * need the slot ({@link SlotNeedForecast}). A borrowed slot is never taken back: the worst a wrong
 * estimate costs higher-ranked work is the wait for the borrower to end.
 */
final class Backfill {

    private Backfill() {
    }

    /** Why no node of the class may borrow now, whatever its estimate; empty when some may. */
    static Optional<LoanRefusal> classRefusal(int classIndex, DecisionContext context) {
        Optional<LoanRefusal> refused = beforeForecast(classIndex, context);
        if (refused.isPresent()) {
            return refused;
        }
        long now = context.snapshot().nowMillis();
        // a need due now leaves no room for any estimate
        return need(context.classes().rank(classIndex), context).allowsLoanUntil(now + 1)
                ? Optional.empty()
                : Optional.of(LoanRefusal.HIGHER_RANK_DUE);
    }

    /** Why this node may not borrow a slot; empty when it may. */
    static Optional<LoanRefusal> refusal(QueuedNode node, DecisionContext context) {
        Optional<LoanRefusal> refused = beforeForecast(node.classIndex(), context);
        if (refused.isPresent()) {
            return refused;
        }
        long end = context.snapshot().nowMillis() + node.node().estimate().toMillis();
        return need(context.classes().rank(node.classIndex()), context).allowsLoanUntil(end)
                ? Optional.empty()
                : Optional.of(LoanRefusal.HIGHER_RANK_DUE);
    }

    private static Optional<LoanRefusal> beforeForecast(int classIndex, DecisionContext context) {
        ClassTable classes = context.classes();
        if (classes.workClass(classIndex).borrow() != Borrow.BACKFILL) {
            return Optional.of(LoanRefusal.CLASS_NEVER_BORROWS);
        }
        if (!context.snapshot().quiet()) {
            return Optional.of(LoanRefusal.FOLLOW_UPS_ON_THEIR_WAY);
        }
        int rank = classes.rank(classIndex);
        for (int c = 0; c < classes.size(); c++) {
            if (classes.rank(c) < rank && context.readyLeft(c) > 0) {
                return Optional.of(LoanRefusal.HIGHER_RANK_READY);
            }
        }
        return Optional.empty();
    }

    private static SlotNeed need(int rank, DecisionContext context) {
        ClassTable classes = context.classes();
        long now = context.snapshot().nowMillis();
        List<SlotNeedForecast.Ending> endings = new ArrayList<>();
        for (RunningNode r : context.snapshot().running()) {
            int higher = 0;
            for (int released : r.releases()) {
                if (classes.rank(released) < rank) {
                    higher++;
                }
            }
            endings.add(new SlotNeedForecast.Ending(Math.max(now, r.expectedEndMillis()), higher));
        }
        // started in this decision: they hold their slots for their estimate (what they release is not predicted)
        for (QueuedNode s : context.startedNodes()) {
            endings.add(new SlotNeedForecast.Ending(now + s.node().estimate().toMillis(), 0));
        }
        return SlotNeedForecast.earliestNeed(context.freeSlots() - 1, endings);
    }
}
