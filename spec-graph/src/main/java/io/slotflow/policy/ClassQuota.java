package io.slotflow.policy;

/** A class never holds more slots than its quota. */
public final class ClassQuota implements DispatchFilter {

    @Override
    public String name() {
        return "class-quota";
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        int c = node.classIndex();
        int quota = context.classes().quota(c);
        return context.holding(c) < quota ? null : new WaitReason.ClassQuota(context.classes().name(c), quota);
    }
}
