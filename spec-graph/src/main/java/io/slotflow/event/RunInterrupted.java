package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Dispatching stopped on request. The running sessions are cancelled, or, after a graceful stop
 * (SIGTERM), may finish first until its grace ends: their outcomes follow this event.
 *
 * @param by who asked (an API caller; empty when the engine's own terminal or signal did)
 */
@EventType(name = "run-interrupted", version = 1)
public record RunInterrupted(
        String reason,
        Instant at,
        String by) implements RunEvent {

    public RunInterrupted {
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        by = by == null ? "" : by; // events written before it existed read as ""
    }

    public RunInterrupted(String reason, Instant at) {
        this(reason, at, "");
    }
}
