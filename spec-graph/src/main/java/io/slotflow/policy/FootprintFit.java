package io.slotflow.policy;

/** No two running nodes with conflicting footprints. */
public final class FootprintFit implements DispatchFilter {

    @Override
    public String name() {
        return "footprint-fit";
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        String holder = context.ledger().conflictFor(node.footprint());
        return holder == null ? null : new WaitReason.FootprintConflict(holder);
    }
}
