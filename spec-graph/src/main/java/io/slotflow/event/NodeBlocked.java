package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Final: the node can never run because a dependency failed.
 *
 * @param blockedBy the failed node (or spec) that blocks it
 */
@EventType(name = "node-blocked", version = 1)
public record NodeBlocked(
        String node,
        String blockedBy,
        Instant at) implements RunEvent {

    public NodeBlocked {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(blockedBy, "blockedBy");
        Objects.requireNonNull(at, "at");
    }
}
