package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Every group of the spec succeeded.
 */
@EventType(name = "spec-completed", version = 1)
public record SpecCompleted(
        String spec,
        Instant at) implements RunEvent {

    public SpecCompleted {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(at, "at");
    }
}
