package io.slotflow.replay;

import io.slotflow.core.SessionKey;
import io.slotflow.event.BarrierReached;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.WorkClass;
import io.slotflow.policy.WaitKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run laid out in time, from its events alone: per slot, each session with its node, class,
 * attempt, start, end and outcome; markers for barriers, resumptions, interrupts, completion and
 * the operator's pauses and resizes;
 * and per dispatched node, how long it waited and why (the policy's wait reasons).
 *
 * @param runId the run
 * @param plan the plan's name
 * @param slots the rows to draw: K, or the largest K a resize gave the run
 * @param classes the plan's class names, by rank
 * @param start when the plan was accepted
 * @param end the last event
 * @param bars every session, in start order
 * @param markers notable moments
 * @param waits every dispatch: how long the node waited and why
 * @param categories per category: sessions, slot time, share against target, NOOP rate, respawns,
 *     same-lock violations
 */
public record Timeline(
        String runId,
        String plan,
        int slots,
        List<String> classes,
        Instant start,
        Instant end,
        List<Bar> bars,
        List<Marker> markers,
        List<Wait> waits,
        io.slotflow.metrics.CategoryReport categories) {

    /**
     * One session in one slot.
     *
     * @param end null while it still runs
     * @param outcome null while it still runs
     * @param borrowed the session held a slot beyond its class's quota, lent by backfill
     * @param git in a git workspace, once it ended: its commits, files and what became of its branch
     */
    public record Bar(int slot, String node, String workClass, int attempt, Instant start, Instant end,
            SessionOutcome outcome, String detail, boolean borrowed, java.util.Optional<io.slotflow.workspace.GitWork> git) {

        public Bar {
            git = git == null ? java.util.Optional.empty() : git;
        }

        public Duration duration(Instant now) {
            return Duration.between(start, end == null ? now : end);
        }
    }

    /** A moment worth drawing: a barrier reached, the run resumed, interrupted, completed; an operator's control. */
    public record Marker(Instant at, Kind kind, String label) {
        /** What a marker marks. */
        public enum Kind { BARRIER, RESUMED, INTERRUPTED, COMPLETED, PAUSED, DISPATCH_RESUMED, RESIZED, DRIFT,
            NODE_CANCELLED }
    }

    /** A node's wait before one dispatch, split by the reasons the policy gave. */
    public record Wait(String node, String workClass, int attempt, Instant readyAt, Instant dispatchedAt,
            Map<WaitKind, Long> millisByReason) {

        public Duration waited() {
            Duration d = Duration.between(readyAt, dispatchedAt);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    public static Timeline of(List<? extends RunEvent> events) {
        PlanAccepted accepted = null;
        Map<SessionKey, Bar> open = new LinkedHashMap<>();
        List<Bar> bars = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        List<Wait> waits = new ArrayList<>();
        Instant end = null;
        int rows = 0; // the most slots the run ever had: the plan's K, or more after a resize
        for (RunEvent event : events) {
            end = end == null || event.at().isAfter(end) ? event.at() : end;
            if (event instanceof PlanAccepted e) {
                accepted = e;
                rows = Math.max(rows, e.plan().run().slots());
            } else if (event instanceof io.slotflow.event.SlotsResized r) {
                rows = Math.max(rows, r.to());
                markers.add(new Marker(r.at(), Marker.Kind.RESIZED, "K = " + r.to()));
            } else if (event instanceof io.slotflow.event.DispatchPaused p) {
                markers.add(new Marker(p.at(), Marker.Kind.PAUSED, "paused"));
            } else if (event instanceof io.slotflow.event.DispatchResumed p) {
                markers.add(new Marker(p.at(), Marker.Kind.DISPATCH_RESUMED, "dispatching"));
            } else if (event instanceof NodeDispatched d) {
                open.put(new SessionKey(d.node(), d.attempt()),
                        new Bar(d.slot(), d.node(), d.workClass(), d.attempt(), d.at(), null, null, "", d.borrowed(),
                                java.util.Optional.empty()));
                waits.add(new Wait(d.node(), d.workClass(), d.attempt(), d.readyAt(), d.at(), d.waitedMillis()));
            } else if (event instanceof SessionFinished f) {
                Bar bar = open.remove(new SessionKey(f.node(), f.attempt()));
                if (bar != null) {
                    bars.add(new Bar(bar.slot(), bar.node(), bar.workClass(), bar.attempt(), bar.start(), f.at(),
                            f.outcome(), f.detail(), bar.borrowed(), f.git()));
                }
            } else if (event instanceof io.slotflow.event.DriftSeen d) {
                markers.add(new Marker(d.at(), Marker.Kind.DRIFT, d.target() + " moved under " + d.node() + " ("
                        + String.join(", ", d.files()) + ")"));
            } else if (event instanceof io.slotflow.event.NodeCancelled c) {
                markers.add(new Marker(c.at(), Marker.Kind.NODE_CANCELLED, "cancelled " + c.node()
                        + (c.by().isEmpty() ? "" : " by " + c.by())));
            } else if (event instanceof BarrierReached b) {
                markers.add(new Marker(b.at(), Marker.Kind.BARRIER, b.barrier() + " (" + b.specs().size() + " specs)"));
            } else if (event instanceof RunResumed r) {
                markers.add(new Marker(r.at(), Marker.Kind.RESUMED, "resumed"));
            } else if (event instanceof RunInterrupted i) {
                markers.add(new Marker(i.at(), Marker.Kind.INTERRUPTED, "interrupted"));
            } else if (event instanceof RunCompleted c) {
                markers.add(new Marker(c.at(), Marker.Kind.COMPLETED, "completed"));
            }
        }
        if (accepted == null) {
            throw new IllegalArgumentException("the events hold no plan-accepted");
        }
        bars.addAll(open.values());
        bars.sort(java.util.Comparator.comparing(Bar::start).thenComparingInt(Bar::slot));
        List<String> classes = accepted.plan().classes().stream()
                .sorted(java.util.Comparator.comparingInt(WorkClass::rank)).map(WorkClass::name).toList();
        return new Timeline(accepted.runId(), accepted.plan().name(), rows, classes,
                accepted.at(), end, List.copyOf(bars), List.copyOf(markers), List.copyOf(waits),
                io.slotflow.metrics.CategoryReport.of(events));
    }
}
