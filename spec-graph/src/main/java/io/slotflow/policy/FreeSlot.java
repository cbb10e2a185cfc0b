package io.slotflow.policy;

import java.util.Optional;

/** Never more than K sessions: a start needs a free slot. */
public final class FreeSlot implements DispatchGate {

    @Override
    public String name() {
        return "free-slot";
    }

    @Override
    public Optional<WaitReason> objection(DecisionContext context) {
        return context.freeSlots() > 0 ? Optional.empty() : Optional.of(WaitReason.NoFreeSlot.INSTANCE);
    }
}
