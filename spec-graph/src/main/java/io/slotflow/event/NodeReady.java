package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A node entered the ready queue for an attempt: its dependencies succeeded, a retry was granted, or a held review was released.
 *
 * @param attempt 1 for the first run, then one more for each retry
 */
@EventType(name = "node-ready", version = 1)
public record NodeReady(
        String node,
        int attempt,
        Instant at) implements RunEvent {

    public NodeReady {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
    }
}
