package io.slotflow.policy;

import java.util.Optional;

/**
 * A class never holds more slots than its quota, except a slot lent by {@link Backfill}: one that
 * would otherwise sit idle and that higher-ranked work is not predicted to need before the node ends.
 */
public final class ClassQuota implements DispatchFilter {

    @Override
    public String name() {
        return "class-quota";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        int c = node.classIndex();
        return atQuota(c, context) ? Backfill.refusal(node, context).map(refused -> reason(c, refused, context))
                : Optional.empty();
    }

    /** A class at its quota that may lend no slot to any of its nodes: none of them is visited. */
    @Override
    public Optional<WaitReason> classObjection(int classIndex, DecisionContext context) {
        return atQuota(classIndex, context)
                ? Backfill.classRefusal(classIndex, context).map(refused -> reason(classIndex, refused, context))
                : Optional.empty();
    }

    private static boolean atQuota(int classIndex, DecisionContext context) {
        return context.holding(classIndex) >= context.classes().quota(classIndex);
    }

    private static WaitReason reason(int classIndex, LoanRefusal refused, DecisionContext context) {
        return new WaitReason.ClassQuota(context.classes().name(classIndex), context.classes().quota(classIndex), refused);
    }
}
