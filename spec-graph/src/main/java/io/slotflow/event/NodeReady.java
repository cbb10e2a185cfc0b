package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A node entered the ready queue for an attempt: its dependencies succeeded, a retry was granted, or a held review was released.
 *
 * @param attempt 1 for the first run, then one more for each retry
 * @param failures how many earlier attempts failed or timed out (lost and cancelled ones do not count)
 * @param notBefore the attempt may not start before this (its class's retry backoff, decided with its
 *     jitter when the retry was granted); {@code at} when it may start at once
 * @param respawn the attempt follows a productive session of the node ({@code respawn: once});
 *     events written before respawns existed read as false
 */
@EventType(name = "node-ready", version = 2)
public record NodeReady(
        String node,
        int attempt,
        int failures,
        Instant at,
        Instant notBefore,
        boolean respawn) implements RunEvent {

    public NodeReady {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        notBefore = notBefore == null || notBefore.isBefore(at) ? at : notBefore;
    }

    /** Ready at once, not a respawn: a first attempt, a retry without backoff or a released review. */
    public NodeReady(String node, int attempt, int failures, Instant at) {
        this(node, attempt, failures, at, at, false);
    }

    /** A retry that waits out its backoff until {@code notBefore}. */
    public NodeReady(String node, int attempt, int failures, Instant at, Instant notBefore) {
        this(node, attempt, failures, at, notBefore, false);
    }

    /** Ready at once; {@code respawn}: it follows a productive session of the node. */
    public NodeReady(String node, int attempt, int failures, Instant at, boolean respawn) {
        this(node, attempt, failures, at, at, respawn);
    }
}
