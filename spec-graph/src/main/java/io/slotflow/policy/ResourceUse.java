package io.slotflow.policy;

import java.util.Map;

/**
 * The counted resources as one decision sees them: each one's capacity (the plan's {@code resources})
 * and the units the running sessions hold of it (each running node's {@code uses}, summed).
 *
 * @param capacities resource name → capacity
 * @param held resource name → units held by running sessions
 */
public record ResourceUse(Map<String, Integer> capacities, Map<String, Integer> held) {

    /** A plan without counted resources. */
    public static final ResourceUse NONE = new ResourceUse(Map.of(), Map.of());

    public ResourceUse {
        capacities = Map.copyOf(capacities);
        held = Map.copyOf(held);
    }

    public boolean any() {
        return !capacities.isEmpty();
    }

    public int capacity(String resource) {
        return capacities.getOrDefault(resource, Integer.MAX_VALUE);
    }

    public int held(String resource) {
        return held.getOrDefault(resource, 0);
    }
}
