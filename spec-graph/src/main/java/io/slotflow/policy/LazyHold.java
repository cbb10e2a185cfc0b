package io.slotflow.policy;

import java.util.Optional;

/**
 * Lazy nodes (lazy and batched reviews) take only a slot that would otherwise sit idle: never while
 * a session that just finished may still make more work ready (its owner has not answered yet), and
 * never while a waiting node of a higher-ranked class could use the slot. The first condition is
 * what stops a review from taking the slot the next group of a spec was about to get.
 *
 * <p>A higher-ranked node blocked by a running node's footprint cannot use this slot: it will take
 * the blocker's when that ends, so it is protected only from a lazy node whose footprint would block
 * it again. Holding a slot idle for it would protect nothing ({@link HigherRankedWaiting}).
 */
public final class LazyHold implements DispatchFilter {

    @Override
    public String name() {
        return "lazy-hold";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        // a class below its reserve gets its reserved slot: the reserve is a promise of capacity
        if (!node.node().lazy() || context.holding(node.classIndex()) < context.classes().reserve(node.classIndex())) {
            return Optional.empty();
        }
        if (!context.snapshot().quiet()) {
            return Optional.of(WaitReason.HeldForIdleSlot.UNSETTLED);
        }
        HigherRankedWaiting higher = context.higherRankedWaiting(context.classes().rank(node.classIndex()));
        if (higher.couldStart() >= 0) {
            return Optional.of(new WaitReason.HeldForIdleSlot("class " + context.classes().name(higher.couldStart())
                    + " has ready work"));
        }
        return higher.blockedBy(node.footprint())
                .map(blocked -> new WaitReason.HeldForIdleSlot("it would block " + blocked + " of a higher-ranked class"));
    }
}
