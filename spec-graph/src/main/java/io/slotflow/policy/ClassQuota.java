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
    public WaitReason check(ReadyNode node, DecisionContext context) {
        int c = node.classIndex();
        int quota = context.classes().quota(c);
        if (context.holding(c) < quota) {
            return null;
        }
        Optional<LoanRefusal> refused = Backfill.refusal(node, context);
        return refused.isEmpty() ? null : new WaitReason.ClassQuota(context.classes().name(c), quota, refused.get());
    }
}
