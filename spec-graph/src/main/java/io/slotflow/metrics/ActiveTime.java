package io.slotflow.metrics;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the engine was working on a run, from its events alone: the wall time from the plan's
 * acceptance to the last event, less every stop — from the last event before a resume to that
 * resume, the engine was down (interrupted, stopped, crashed). The journal cannot tell an engine
 * that died while quiet from one that died at its last event, so that quiet time counts as down.
 *
 * @param start the plan's acceptance
 * @param end the last event
 * @param stops the times the engine was down, in order
 */
record ActiveTime(Instant start, Instant end, List<Stop> stops) {

    /** The engine was down from {@code from} to {@code to}. */
    record Stop(Instant from, Instant to) {
    }

    ActiveTime {
        stops = List.copyOf(stops);
    }

    static ActiveTime of(List<? extends RunEvent> events, Instant start, Instant end) {
        List<Stop> stops = new ArrayList<>();
        Instant lastSeen = start;
        for (RunEvent event : events) {
            if (event instanceof RunResumed resumed && resumed.at().isAfter(lastSeen)) {
                stops.add(new Stop(lastSeen, resumed.at()));
            }
            if (event.at().isAfter(lastSeen)) {
                lastSeen = event.at();
            }
        }
        return new ActiveTime(start, end, stops);
    }

    Duration wall() {
        return nonNegative(start, end);
    }

    Duration down() {
        return stops.stream().map(s -> nonNegative(s.from(), s.to())).reduce(Duration.ZERO, Duration::plus);
    }

    Duration active() {
        return wall().minus(down());
    }

    /** The part of {@code [from, to]} the engine was up: a session lost in a crash is not busy while the engine was down. */
    Duration activeBetween(Instant from, Instant to) {
        Duration length = nonNegative(from, to);
        for (Stop stop : stops) {
            Instant overlapFrom = from.isAfter(stop.from()) ? from : stop.from();
            Instant overlapTo = to.isBefore(stop.to()) ? to : stop.to();
            length = length.minus(nonNegative(overlapFrom, overlapTo));
        }
        return length;
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
