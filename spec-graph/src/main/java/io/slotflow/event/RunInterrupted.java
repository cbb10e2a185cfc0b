package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Dispatching stopped on request; running sessions were cancelled.
 */
@EventType(name = "run-interrupted", version = 1)
public record RunInterrupted(
        String reason,
        Instant at) implements RunEvent {

    public RunInterrupted {
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
