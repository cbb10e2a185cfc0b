package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A paused run dispatches again.
 *
 * @param by who asked
 */
@EventType(name = "dispatch-resumed", version = 1)
public record DispatchResumed(String by, Instant at) implements RunEvent {

    public DispatchResumed {
        Objects.requireNonNull(at, "at");
        by = by == null ? "" : by;
    }
}
