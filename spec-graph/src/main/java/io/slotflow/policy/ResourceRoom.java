package io.slotflow.policy;

import java.util.Map;
import java.util.Optional;

/**
 * A node starts only when every counted resource it uses has room for its units beside those held
 * by running sessions and by nodes started earlier in this decision.
 */
public final class ResourceRoom implements DispatchFilter {

    @Override
    public String name() {
        return "resource-room";
    }

    @Override
    public Optional<WaitReason> objection(QueuedNode node, DecisionContext context) {
        ResourceUse resources = context.snapshot().resources();
        Map<String, Integer> uses = node.node().uses();
        if (!resources.any() || uses.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, Integer> use : uses.entrySet()) {
            String resource = use.getKey();
            int held = resources.held(resource);
            for (QueuedNode started : context.startedNodes()) {
                held += started.node().uses().getOrDefault(resource, 0);
            }
            int capacity = resources.capacity(resource);
            if (held + use.getValue() > capacity) {
                return Optional.of(new WaitReason.ResourceFull(resource, held, capacity));
            }
        }
        return Optional.empty();
    }
}
