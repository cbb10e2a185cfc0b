package io.slotflow.metrics;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionStarted;
import io.slotflow.workspace.GitWork;
import io.slotflow.workspace.MergeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the sessions of a git workspace did, from the journal: merge results, merges per hour,
 * queue waits and gate times, and per attempt its commits, files and undeclared writes.
 *
 * @param results attempts per merge result
 * @param mergesPerHour merges over the time from the first session's start to the last merge
 * @param queueWait from entering the merge queue to its turn, over the attempts that entered it
 * @param gateTime the gate's run time, over the attempts whose gate ran
 * @param attempts every attempt that ran in a worktree, in journal order
 * @param drifts how many times a running session was told its target moved over its files
 */
public record GitTelemetry(Map<MergeResult, Integer> results, double mergesPerHour, Percentiles queueWait,
        Percentiles gateTime, List<Attempt> attempts, int drifts) {

    /** One attempt: what its branch held and what became of it; {@code drifts}: times it was told of drift. */
    public record Attempt(String node, int attempt, MergeResult result, int commits, List<String> files,
            List<String> undeclared, Duration queueWait, Duration gate, String detail, int drifts) {
    }

    public static final GitTelemetry NONE = new GitTelemetry(Map.of(), 0, Percentiles.NONE, Percentiles.NONE, List.of(),
            0);

    public boolean isEmpty() {
        return attempts.isEmpty();
    }

    public int count(MergeResult result) {
        return results.getOrDefault(result, 0);
    }

    public static GitTelemetry of(List<? extends RunEvent> events) {
        Instant firstStart = null;
        Instant lastMerge = null;
        Map<MergeResult, Integer> results = new EnumMap<>(MergeResult.class);
        List<Duration> waits = new ArrayList<>();
        List<Duration> gates = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Integer> drifted = new java.util.HashMap<>();
        int drifts = 0;
        for (RunEvent event : events) {
            if (event instanceof io.slotflow.event.DriftSeen d) {
                drifted.merge(d.node() + "#" + d.attempt(), 1, Integer::sum);
                drifts++;
            }
            if (event instanceof SessionStarted s && s.worktree().isPresent() && firstStart == null) {
                firstStart = s.at();
            } else if (event instanceof SessionFinished f && f.git().isPresent()) {
                GitWork g = f.git().get();
                results.merge(g.result(), 1, Integer::sum);
                boolean queued = g.result() == MergeResult.MERGED || g.result() == MergeResult.CONFLICT
                        || g.result() == MergeResult.GATE_FAILED;
                if (queued) {
                    waits.add(Duration.ofMillis(g.queueWaitMillis()));
                }
                if (g.gateMillis() > 0) {
                    gates.add(Duration.ofMillis(g.gateMillis()));
                }
                if (g.result() == MergeResult.MERGED) {
                    lastMerge = f.at();
                }
                attempts.add(new Attempt(f.node(), f.attempt(), g.result(), g.commits(), g.files(), g.undeclared(),
                        Duration.ofMillis(g.queueWaitMillis()), Duration.ofMillis(g.gateMillis()), f.detail(),
                        drifted.getOrDefault(f.node() + "#" + f.attempt(), 0)));
            }
        }
        if (attempts.isEmpty()) {
            return NONE;
        }
        double hours = firstStart == null || lastMerge == null ? 0
                : Duration.between(firstStart, lastMerge).toMillis() / 3_600_000.0;
        int merged = results.getOrDefault(MergeResult.MERGED, 0);
        return new GitTelemetry(results, hours <= 0 ? 0 : merged / hours, Percentiles.of(waits),
                Percentiles.of(gates), attempts, drifts);
    }
}
