package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * K changed while the run runs. Growing frees slots at once; shrinking never stops a session: the
 * sessions in slots {@code to} and above finish, and their slots are not refilled.
 *
 * @param from K before
 * @param to K from now on
 * @param by who asked
 */
@EventType(name = "slots-resized", version = 1)
public record SlotsResized(int from, int to, String by, Instant at) implements RunEvent {

    public SlotsResized {
        Objects.requireNonNull(at, "at");
        if (to < 1) {
            throw new IllegalArgumentException("slots-resized to " + to + ": K is at least 1");
        }
        by = by == null ? "" : by;
    }
}
