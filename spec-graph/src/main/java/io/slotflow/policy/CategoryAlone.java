package io.slotflow.policy;

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
    public WaitReason check(ReadyNode node, DecisionContext context) {
        CategoryUse use = context.snapshot().categories();
        if (!use.targets().anyAlone()) {
            return null;
        }
        String category = CategoryTargets.categoryOf(node.node());
        if (!use.targets().runsAlone(category)) {
            return null;
        }
        boolean busy = use.running(category) > 0 || context.startedNodes().stream()
                .anyMatch(s -> CategoryTargets.categoryOf(s.node()).equals(category));
        return busy ? new WaitReason.CategoryRunsAlone(category) : null;
    }
}
