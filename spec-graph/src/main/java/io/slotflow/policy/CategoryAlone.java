package io.slotflow.policy;

import java.util.Optional;

/**
 * A category declared {@code parallel: false} runs one session at a time: a node of it waits while
 * another of its sessions runs or was started in this decision.
 */
public final class CategoryAlone implements DispatchFilter {

    @Override
    public String name() {
        return "category-alone";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        CategoryUse use = context.snapshot().categories();
        if (!use.targets().anyAlone()) {
            return Optional.empty();
        }
        String category = CategoryTargets.categoryOf(node.node());
        if (!use.targets().runsAlone(category)) {
            return Optional.empty();
        }
        boolean busy = use.running(category) > 0 || context.startedNodes().stream()
                .anyMatch(s -> CategoryTargets.categoryOf(s.node()).equals(category));
        return busy ? Optional.of(new WaitReason.CategoryRunsAlone(category)) : Optional.empty();
    }
}
