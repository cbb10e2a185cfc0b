package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Final: an operator cancelled the node. It never runs again in this run (a retry may reopen it);
 * the session it had, if any, is stopped and its end recorded as it comes; the nodes that depend
 * on it are blocked, as they are by a failed node.
 *
 * @param attempt the node's last attempt when it was cancelled (0: it never ran)
 * @param by who asked (the API's caller, or the terminal)
 * @param reason why, as given; may be empty
 */
@EventType(name = "node-cancelled", version = 1)
public record NodeCancelled(
        String node,
        int attempt,
        String by,
        String reason,
        Instant at) implements RunEvent {

    public NodeCancelled {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        by = by == null ? "" : by;
        reason = reason == null ? "" : reason;
    }
}
