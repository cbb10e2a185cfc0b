package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * No node can make progress any more: every node has its final outcome.
 */
@EventType(name = "run-completed", version = 1)
public record RunCompleted(
        Instant at) implements RunEvent {

    public RunCompleted {
        Objects.requireNonNull(at, "at");
    }
}
