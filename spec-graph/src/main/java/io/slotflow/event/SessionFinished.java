package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A session ended and freed its slot.
 *
 * @param exitCode null when no process exit code applies
 * @param detail a short human explanation, may be empty
 */
@EventType(name = "session-finished", version = 1)
public record SessionFinished(
        String node,
        int attempt,
        int slot,
        SessionOutcome outcome,
        Integer exitCode,
        String detail,
        Instant at) implements RunEvent {

    public SessionFinished {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
