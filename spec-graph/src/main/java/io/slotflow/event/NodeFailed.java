package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Final: the node failed and will not be retried.
 *
 * @param attempt the last attempt
 */
@EventType(name = "node-failed", version = 1)
public record NodeFailed(
        String node,
        int attempt,
        SessionOutcome lastOutcome,
        String reason,
        Instant at) implements RunEvent {

    public NodeFailed {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
