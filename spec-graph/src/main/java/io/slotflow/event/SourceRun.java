package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The run decided to run a work source: its category had share to spare and no ready work (or the
 * source's retry wait ended). Journaled before the source's process starts.
 *
 * @param source the source's name under {@code sources:}
 * @param run its runs in this run so far, this one included (1 for the first)
 * @param category the category it finds work for
 */
@EventType(name = "source-run", version = 1)
public record SourceRun(String source, int run, String category, Instant at) implements RunEvent {

    public SourceRun {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
