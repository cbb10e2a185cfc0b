package io.slotflow.verify;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.ReviewType;
import io.slotflow.plan.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Guarantee#RESOURCE_CAPACITY}, from the events alone: a dispatch after which the sessions
 * holding a slot use more units of a counted resource than its capacity. Each node's units are read
 * from the journaled plan (a group's {@code uses}; a review's or a batch's, its review type's), with
 * node ids parsed here rather than by the rules' own code.
 */
final class ResourceCapacityCheck {

    private ResourceCapacityCheck() {
    }

    static List<Violation> check(List<? extends RunEvent> events) {
        List<Violation> violations = new ArrayList<>();
        Plan plan = null;
        Map<String, Integer> holdingSince = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> usesOf = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            if (event instanceof PlanAccepted e) {
                plan = e.plan();
            } else if (event instanceof NodeDispatched e && plan != null && !plan.resources().isEmpty()) {
                Plan p = plan;
                Map<String, Integer> uses = usesOf.computeIfAbsent(e.node(), n -> uses(p, n));
                holdingSince.put(e.node(), i);
                for (Map.Entry<String, Integer> use : uses.entrySet()) {
                    int held = 0;
                    List<Integer> holders = new ArrayList<>();
                    for (Map.Entry<String, Integer> h : holdingSince.entrySet()) {
                        int units = usesOf.getOrDefault(h.getKey(), Map.of()).getOrDefault(use.getKey(), 0);
                        if (units > 0) {
                            held += units;
                            holders.add(h.getValue());
                        }
                    }
                    int capacity = plan.resources().getOrDefault(use.getKey(), 0);
                    if (held > capacity) {
                        violations.add(new Violation(Guarantee.RESOURCE_CAPACITY, e.node() + " started while "
                                + "sessions held " + held + " units of resource " + use.getKey() + ", more than its "
                                + "capacity " + capacity, holders));
                    }
                }
            } else if (event instanceof SessionFinished e) {
                holdingSince.remove(e.node());
            } else if (event instanceof io.slotflow.event.BranchQueued e) {
                holdingSince.remove(e.node()); // the session ended: its branch waits without its resources
            }
        }
        return violations;
    }

    /** A node's units: {@code spec:group} is a group; {@code spec:group:type} a review; {@code batch-n:type} a batch. */
    private static Map<String, Integer> uses(Plan plan, String node) {
        String[] parts = node.split(":", 3);
        if (parts.length == 2 && !node.startsWith("batch-")) {
            for (Spec spec : plan.specs()) {
                if (spec.id().equals(parts[0])) {
                    for (Group g : spec.groups()) {
                        if (g.id().equals(parts[1])) {
                            return g.uses();
                        }
                    }
                }
            }
            return Map.of();
        }
        String type = node.startsWith("batch-") ? node.substring(node.indexOf(':') + 1)
                : parts.length == 3 ? parts[2] : "";
        for (ReviewType t : plan.reviewTypes()) {
            if (t.name().equals(type)) {
                return t.uses();
            }
        }
        return Map.of();
    }
}
