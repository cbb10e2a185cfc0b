package io.slotflow.policy;

/**
 * Lazy nodes (lazy and batched reviews) take only a slot that would otherwise sit idle: never
 * while a node of a higher-ranked class waits in the ready queue, and never while a session that
 * just finished may still make more work ready (its owner has not answered yet). The second
 * condition is what stops a review from taking the slot the next group of a spec was about to get.
 */
public final class LazyHold implements DispatchFilter {

    @Override
    public String name() {
        return "lazy-hold";
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        // a class below its reserve gets its reserved slot: the reserve is a promise of capacity
        if (!node.node().lazy() || context.holding(node.classIndex()) < context.classes().reserve(node.classIndex())) {
            return null;
        }
        if (!context.snapshot().quiet()) {
            return WaitReason.HeldForIdleSlot.UNSETTLED;
        }
        ClassTable classes = context.classes();
        int rank = classes.rank(node.classIndex());
        for (int c = 0; c < classes.size(); c++) {
            if (classes.rank(c) < rank && context.readyLeft(c) > 0) {
                return new WaitReason.HeldForIdleSlot("class " + classes.name(c) + " has ready work");
            }
        }
        return null;
    }
}
