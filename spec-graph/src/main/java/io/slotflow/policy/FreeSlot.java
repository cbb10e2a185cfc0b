package io.slotflow.policy;

/** Never more than K sessions: a node needs a free slot. */
public final class FreeSlot implements DispatchFilter {

    @Override
    public String name() {
        return "free-slot";
    }

    @Override
    public boolean isGate() {
        return true;
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        return context.freeSlots() > 0 ? null : WaitReason.NoFreeSlot.INSTANCE;
    }
}
