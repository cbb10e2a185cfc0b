package io.slotflow.server;

import io.slotflow.engine.RunHandle;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.replay.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /api/runs/{run}/timeline}: the run so far laid out per slot, from the same
 * {@link Timeline} model that {@code slotflow timeline} draws a finished run with, so the dashboard's
 * chart and the replayed one cannot disagree. Built from the events the run's handle holds in
 * memory (no journal read); only the latest-started sessions are sent, so a long run's answer stays small.
 *
 * @param runId the run
 * @param slots the rows: K, or the largest K a resize gave the run (0 before the plan is accepted)
 * @param classes the plan's class names, by rank
 * @param start when the plan was accepted; null before
 * @param now the engine's time when this was built: where running sessions end for now
 * @param sessions how many sessions the run has had so far
 * @param bars the latest-started sessions (at most the limit asked), in start order
 * @param markers the run's notable moments (barriers, pauses, resizes, resumptions, its end)
 */
record RunTimeline(String runId, int slots, List<String> classes, Instant start, Instant now, int sessions,
        List<Bar> bars, List<Mark> markers) {

    /** The most sessions one answer carries, and how many it carries when not asked. */
    static final int MAX_BARS = 5000;
    static final int DEFAULT_BARS = 500;

    /**
     * One session in one slot.
     *
     * @param slot counted from 0
     * @param end null while it runs
     * @param outcome null while it runs
     */
    record Bar(int slot, String node, String workClass, int attempt, Instant start, Instant end,
            SessionOutcome outcome, boolean borrowed) {
    }

    /** A notable moment: its kind (as {@link Timeline.Marker.Kind}) and a label for people. */
    record Mark(Instant at, Timeline.Marker.Kind kind, String label) {
    }

    static RunTimeline of(RunHandle run, int limit, Instant now) {
        List<RunEvent> events = events(run);
        if (events.stream().noneMatch(e -> e instanceof io.slotflow.event.PlanAccepted)) {
            return new RunTimeline(run.runId(), 0, List.of(), null, now, 0, List.of(), List.of());
        }
        Timeline timeline = Timeline.of(events);
        List<Timeline.Bar> all = timeline.bars();
        List<Bar> bars = all.subList(Math.max(0, all.size() - limit), all.size()).stream()
                .map(b -> new Bar(b.slot(), b.node(), b.workClass(), b.attempt(), b.start(), b.end(), b.outcome(),
                        b.borrowed())).toList();
        List<Mark> markers = timeline.markers().stream().map(m -> new Mark(m.at(), m.kind(), m.label())).toList();
        return new RunTimeline(timeline.runId(), timeline.slots(), timeline.classes(), timeline.start(), now,
                all.size(), bars, markers);
    }

    /**
     * Every event the handle holds, in its order: a subscription from offset 0 hands them over on
     * this thread, then is closed at once.
     */
    private static List<RunEvent> events(RunHandle run) {
        List<RunEvent> got = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable subscription = run.subscribe(0, got::add)) {
            // the past arrived before subscribe returned; nothing more is needed
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the events of run " + run.runId() + ": " + e, e);
        }
        synchronized (got) {
            return List.copyOf(got);
        }
    }
}
