package io.slotflow.state;

import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Respawn;

/**
 * {@code respawn: once}, on the node's class or its category: a session that succeeded with real output (not NOOP) is followed by one more
 * session of the same node, as its own attempt; the node succeeds when that one ends. A NOOP or a
 * failure is not respawned, nor is a respawn itself.
 */
final class Respawns {

    private Respawns() {
    }

    /** True when this outcome of the group is followed by a respawn. */
    static boolean follows(PlanGraph graph, String node, SessionOutcome outcome, boolean alreadyRespawned) {
        if (outcome != SessionOutcome.SUCCEEDED || alreadyRespawned) {
            return false;
        }
        String category = graph.group(node).category();
        boolean byCategory = category != null && graph.plan().category(category).respawn() == Respawn.ONCE;
        return byCategory || graph.workClass(graph.group(node).workClass()).respawn() == Respawn.ONCE;
    }
}
