package io.slotflow.policy;

import java.util.Optional;

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
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        CategoryUse use = context.snapshot().categories();
        if (use.coolingUntilMillis().isEmpty()) {
            return Optional.empty();
        }
        String category = CategoryTargets.categoryOf(node.node());
        return use.coolingAt(category, context.snapshot().nowMillis())
                ? Optional.of(new WaitReason.CategoryCoolingDown(category, use.coolingUntil(category)))
                : Optional.empty();
    }
}
