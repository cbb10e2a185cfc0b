package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Dispatching was paused on request: nothing new starts until {@link DispatchResumed}; the running
 * sessions go on. A restart keeps the run paused.
 *
 * @param by who asked (the API's caller, or the terminal)
 * @param reason why, as given; may be empty
 */
@EventType(name = "dispatch-paused", version = 1)
public record DispatchPaused(String by, String reason, Instant at) implements RunEvent {

    public DispatchPaused {
        Objects.requireNonNull(at, "at");
        by = by == null ? "" : by;
        reason = reason == null ? "" : reason;
    }
}
