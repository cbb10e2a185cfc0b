package io.slotflow.state;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SourceDrained;
import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRejected;
import io.slotflow.event.SourceRun;
import io.slotflow.event.SpecsAdded;
import io.slotflow.plan.WorkSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each work source of a run stands, folded from its events alone: how often it ran, whether
 * a run is under way, its failures in a row and when it may run again, and whether it is done
 * (drained: it printed no items; given up: it failed its retries). Mutable, owned by the run core.
 */
public final class WorkSources {

    /** Where one source stands. */
    public enum Phase { IDLE, RUNNING, WAITING, DRAINED, GIVEN_UP }

    /**
     * @param runs runs so far
     * @param failuresInARow failed or rejected runs since its last accepted output
     * @param retryAt when a WAITING source may run again
     * @param lastProblem the last rejection or failure, one line, for the operator
     */
    public record Standing(Phase phase, int runs, int failuresInARow, Optional<Instant> retryAt,
            Optional<String> lastProblem) {
        static Standing fresh() {
            return new Standing(Phase.IDLE, 0, 0, Optional.empty(), Optional.empty());
        }
    }

    private final Map<String, Standing> standings = new LinkedHashMap<>();

    public WorkSources(List<WorkSource> sources) {
        sources.forEach(s -> standings.put(s.name(), Standing.fresh()));
    }

    public void apply(RunEvent event) {
        if (event instanceof SourceRun e) {
            update(e.source(), s -> new Standing(Phase.RUNNING, e.run(), s.failuresInARow(), Optional.empty(),
                    s.lastProblem()));
        } else if (event instanceof SourceRejected e) {
            failed(e.source(), e.retryAt(), "rejected: " + firstLine(e.reason()));
        } else if (event instanceof SourceFailed e) {
            failed(e.source(), e.retryAt(), "failed: " + e.reason());
        } else if (event instanceof SourceDrained e) {
            update(e.source(), s -> new Standing(Phase.DRAINED, s.runs(), 0, Optional.empty(), s.lastProblem()));
        } else if (event instanceof SpecsAdded e && e.by().startsWith("source:")) {
            update(e.by().substring("source:".length()),
                    s -> new Standing(Phase.IDLE, s.runs(), 0, Optional.empty(), s.lastProblem()));
        }
    }

    public Standing of(String source) {
        return standings.getOrDefault(source, Standing.fresh());
    }

    public Map<String, Standing> all() {
        return Map.copyOf(standings);
    }

    /** Not running, not done, and past any retry wait. */
    public boolean mayRun(String source, Instant now) {
        Standing s = of(source);
        return s.phase() == Phase.IDLE
                || (s.phase() == Phase.WAITING && s.retryAt().map(at -> !at.isAfter(now)).orElse(true));
    }

    /** No source runs and none will run again: drained or given up (true without sources). */
    public boolean allDone() {
        return standings.values().stream().allMatch(s -> s.phase() == Phase.DRAINED || s.phase() == Phase.GIVEN_UP);
    }

    /** The earliest retry wait still to end, to wake the run core then. */
    public Optional<Instant> nextRetry() {
        return standings.values().stream().filter(s -> s.phase() == Phase.WAITING).flatMap(s -> s.retryAt().stream())
                .min(Instant::compareTo);
    }

    private void failed(String source, Optional<Instant> retryAt, String problem) {
        update(source, s -> new Standing(retryAt.isPresent() ? Phase.WAITING : Phase.GIVEN_UP, s.runs(),
                s.failuresInARow() + 1, retryAt, Optional.of(problem)));
    }

    private void update(String source, java.util.function.UnaryOperator<Standing> change) {
        standings.put(source, change.apply(of(source)));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " (and more)";
    }
}
