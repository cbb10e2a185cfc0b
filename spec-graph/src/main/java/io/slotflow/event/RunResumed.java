package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The engine started again on an existing run (after a crash, an interrupt or a stop).
 */
@EventType(name = "run-resumed", version = 1)
public record RunResumed(
        Instant at) implements RunEvent {

    public RunResumed {
        Objects.requireNonNull(at, "at");
    }
}
