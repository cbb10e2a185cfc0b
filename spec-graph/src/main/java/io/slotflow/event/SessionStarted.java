package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A dispatched node's session is running.
 *
 * @param pid the process id, or 0 for in-process runners
 */
@EventType(name = "session-started", version = 1)
public record SessionStarted(
        String node,
        int attempt,
        int slot,
        long pid,
        Instant at) implements RunEvent {

    public SessionStarted {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
    }
}
