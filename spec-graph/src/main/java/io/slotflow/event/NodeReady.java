package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A node entered the ready queue for an attempt: its dependencies succeeded, a retry was granted, or a held review was released.
 *
 * @param attempt 1 for the first run, then one more for each retry
 * @param failures how many earlier attempts failed or timed out (lost and cancelled ones do not count)
 * @param respawn the attempt follows a productive session of the node ({@code respawn: once});
 *     events written before respawns existed read as false
 */
@EventType(name = "node-ready", version = 1)
public record NodeReady(
        String node,
        int attempt,
        int failures,
        Instant at,
        boolean respawn) implements RunEvent {

    public NodeReady {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
    }

    /** A first attempt, a retry or a released review: not a respawn. */
    public NodeReady(String node, int attempt, int failures, Instant at) {
        this(node, attempt, failures, at, false);
    }
}
