package io.slotflow.policy;

/**
 * A category that had {@code cooldown-after} NOOP sessions in a row is offered no slot until its
 * {@code cooldown} has passed: a loop that finds nothing to do stops asking for a while.
 */
public final class CategoryCooldown implements DispatchFilter {

    @Override
    public String name() {
        return "category-cooldown";
    }

    @Override
    public WaitReason check(ReadyNode node, DecisionContext context) {
        CategoryUse use = context.snapshot().categories();
        if (use.coolingUntilMillis().isEmpty()) {
            return null;
        }
        String category = CategoryTargets.categoryOf(node.node());
        return use.coolingAt(category, context.snapshot().nowMillis())
                ? new WaitReason.CategoryCoolingDown(category, use.coolingUntil(category)) : null;
    }
}
