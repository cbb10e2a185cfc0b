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
 */
@EventType(name = "node-ready", version = 2)
public record NodeReady(
        String node,
        int attempt,
        int failures,
        Instant at,
        Instant notBefore) implements RunEvent {

    public NodeReady {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        notBefore = notBefore == null || notBefore.isBefore(at) ? at : notBefore;
    }

    /** Ready at once. */
    public NodeReady(String node, int attempt, int failures, Instant at) {
        this(node, attempt, failures, at, at);
    }
}
