package io.slotflow.state;

import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import java.time.Instant;

/**
 * A node as the whole run sees it: an immutable snapshot taken from {@link RunState}.
 *
 * @param node its definition
 * @param state where it is
 * @param attempt its current (or last) attempt; 0 before the first
 * @param readyAt when it last became ready; null if never
 * @param slot the slot it holds, or -1
 * @param lastOutcome how its last session ended; null if none did
 * @param detail the reason of a final failure or block, else empty
 * @param finishedAt when it reached its final state; null until then
 */
public record NodeView(
        NodeDef node,
        NodeLifecycle.State state,
        int attempt,
        Instant readyAt,
        int slot,
        SessionOutcome lastOutcome,
        String detail,
        Instant finishedAt) {

    public String id() {
        return node.id();
    }
}
