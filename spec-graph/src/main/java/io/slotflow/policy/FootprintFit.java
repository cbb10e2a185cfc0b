package io.slotflow.policy;

import java.util.Optional;

/** No two running nodes with conflicting footprints. */
public final class FootprintFit implements DispatchFilter {

    @Override
    public String name() {
        return "footprint-fit";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        return context.ledger().holderOfConflict(node.footprint()).map(WaitReason.FootprintConflict::new);
    }
}
