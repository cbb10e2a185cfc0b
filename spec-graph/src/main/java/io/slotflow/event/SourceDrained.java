package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/** A work source printed a valid list with no items: it has no more work and is not run again in this run. */
@EventType(name = "source-drained", version = 1)
public record SourceDrained(String source, int run, Instant at) implements RunEvent {

    public SourceDrained {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
