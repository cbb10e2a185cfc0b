package io.slotflow.cli;

import io.slotflow.metrics.GitTelemetry;
import io.slotflow.metrics.Percentiles;
import io.slotflow.workspace.MergeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the sessions of a git workspace did: merge results, merges per hour, the merge queue's wait
 * and gate times, and per attempt its commits, files and undeclared writes. {@code stats} and the
 * summary of {@code run} print the same lines; none without a git workspace.
 */
final class GitLines {

    private static final int LISTED = 30;

    private GitLines() {
    }

    static List<String> of(GitTelemetry git) {
        List<String> lines = new ArrayList<>();
        if (git.isEmpty()) {
            return lines;
        }
        lines.add("git: " + Arrays.stream(MergeResult.values()).filter(r -> git.count(r) > 0)
                .map(r -> git.count(r) + " " + words(r)).collect(Collectors.joining(", "))
                + String.format(Locale.ROOT, "; %.1f merges/hour", git.mergesPerHour())
                + (git.drifts() == 0 ? "" : "; " + git.drifts() + " drift warning" + (git.drifts() == 1 ? "" : "s")));
        lines.add("  merge queue wait p50/p95/max " + triple(git.queueWait()) + "; gate p50/p95/max "
                + triple(git.gateTime()));
        git.attempts().stream().limit(LISTED).forEach(a -> lines.add(String.format(Locale.ROOT,
                "  %s#%d: %s, %d commit%s, %d file%s%s%s%s", a.node(), a.attempt(), words(a.result()), a.commits(),
                a.commits() == 1 ? "" : "s", a.files().size(), a.files().size() == 1 ? "" : "s", queued(a),
                a.drifts() == 0 ? "" : ", told of drift " + a.drifts() + "×",
                a.undeclared().isEmpty() ? "" : "; undeclared writes: " + String.join(", ", a.undeclared()))));
        if (git.attempts().size() > LISTED) {
            lines.add("  … and " + (git.attempts().size() - LISTED) + " more attempts (slotflow stats --json)");
        }
        return lines;
    }

    /** One attempt in a few words, for the live view: "merged, 2 commits, 3 files, queue 0.4s, gate 1.2s". */
    static String of(io.slotflow.workspace.GitWork g) {
        boolean entered = g.result() == MergeResult.MERGED || g.result() == MergeResult.CONFLICT
                || g.result() == MergeResult.GATE_FAILED;
        return words(g.result()) + ", " + g.commits() + " commit" + (g.commits() == 1 ? "" : "s") + ", "
                + g.files().size() + " file" + (g.files().size() == 1 ? "" : "s")
                + (entered ? ", queue " + Show.duration(java.time.Duration.ofMillis(g.queueWaitMillis())) + ", gate "
                        + Show.duration(java.time.Duration.ofMillis(g.gateMillis())) : "");
    }

    /** Queue wait and gate time, for a branch that entered the queue. */
    private static String queued(GitTelemetry.Attempt a) {
        boolean entered = a.result() == MergeResult.MERGED || a.result() == MergeResult.CONFLICT
                || a.result() == MergeResult.GATE_FAILED;
        return entered ? ", queue " + Show.duration(a.queueWait()) + ", gate " + Show.duration(a.gate()) : "";
    }

    private static String words(MergeResult r) {
        return r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String triple(Percentiles p) {
        return Show.duration(p.p50()) + " / " + Show.duration(p.p95()) + " / " + Show.duration(p.max());
    }
}
