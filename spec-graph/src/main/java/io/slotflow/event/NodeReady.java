package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A node entered the ready queue for an attempt: its dependencies succeeded, a retry was granted, or a held review was released.
 *
 * @param attempt 1 for the first run, then one more for each retry
 * @param failures how many earlier attempts failed or timed out (lost and cancelled ones do not count)
 */
@EventType(name = "node-ready", version = 1)
public record NodeReady(
        String node,
        int attempt,
        int failures,
        Instant at) implements RunEvent {

    public NodeReady {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
    }
}
