package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Dispatching stopped on request. The running sessions are cancelled, or, after a graceful stop
 * (SIGTERM), may finish first until its grace ends: their outcomes follow this event.
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
