package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one dispatch decision left waiting, and why: the journal's record of every waiting interval's
 * reason. Written by the slot manager in the same write as the decision's {@link NodeDispatched}
 * events, just before them, whenever the decision changed a reason. Compact: it lists only what changed
 * since the run's previous {@code queue-decided} (after a {@link RunResumed}, since none): a waiting
 * node keeps its reason until a later record names it again or lists it in {@code left}, or it starts.
 * A reason holds from this event's {@code at} until the next record that changes it; while dispatch is
 * paused ({@link DispatchPaused}) the pause is every node's reason. A decision that changed no reason
 * writes none: its starts were made while the recorded reasons held.
 *
 * @param started the nodes this decision started, in the order it chose them (their dispatches follow)
 * @param waiting waiting nodes whose reason is new or changed
 * @param left nodes that waited at the previous record and are no longer queued, other than by starting
 */
@EventType(name = "queue-decided", version = 1)
public record QueueDecided(
        List<String> started,
        Map<String, RecordedWait> waiting,
        List<String> left,
        Instant at) implements RunEvent {

    public QueueDecided {
        started = started == null ? List.of() : List.copyOf(started);
        waiting = waiting == null ? Map.of() : Map.copyOf(waiting);
        left = left == null ? List.of() : List.copyOf(left);
        Objects.requireNonNull(at, "at");
    }
}
