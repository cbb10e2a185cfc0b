package io.slotflow.cli;

import io.slotflow.engine.RunResult;
import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.Percentiles;
import io.slotflow.metrics.Telemetry;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import io.slotflow.verify.Guarantee;
import java.io.PrintWriter;
import java.util.List;

/** The summary {@code slotflow run} prints at the end, from the run's journal. */
final class Summary {

    private static final int LISTED_FAILURES = 20;

    private Summary() {
    }

    static void print(PrintWriter out, RunResult result, Telemetry t, String journal, String logs, String engineLog,
            String resume) {
        print(out, result, t, List.of(), journal, logs, engineLog, resume);
    }

    /** With the per-category lines ({@link CategoryLines}) after the class table. */
    static void print(PrintWriter out, RunResult result, Telemetry t, List<String> categoryLines, String journal,
            String logs, String engineLog, String resume) {
        int succeeded = result.counts().getOrDefault(NodeLifecycle.State.SUCCEEDED, 0);
        int failed = result.counts().getOrDefault(NodeLifecycle.State.FAILED, 0);
        int blocked = result.counts().getOrDefault(NodeLifecycle.State.BLOCKED, 0);
        int cancelled = result.counts().getOrDefault(NodeLifecycle.State.CANCELLED, 0);
        int total = result.counts().values().stream().mapToInt(Integer::intValue).sum();
        out.println();
        out.printf("run %s: %s — %d of %d nodes succeeded, %d failed, %d blocked%s%n", result.runId(),
                result.outcome(), succeeded, total, failed, blocked, cancelled == 0 ? "" : ", " + cancelled + " cancelled");
        MakespanLines.of(t).forEach(line -> out.println("  " + line));
        out.printf("  slots: K = %d, peak concurrency %d, slot utilization %s%n", t.slots(), t.peakConcurrency(),
                Show.percent(t.utilization()));
        out.printf("  sessions: %d — %d succeeded, %d noop (NOOP rate %s), %d failed, %d timed out, %d lost, %d cancelled; "
                        + "%d retries%n", t.sessions(), t.count(SessionOutcome.SUCCEEDED), t.count(SessionOutcome.NOOP),
                Show.percent(t.noopRate()), t.count(SessionOutcome.FAILED), t.count(SessionOutcome.TIMED_OUT),
                t.count(SessionOutcome.LOST), t.count(SessionOutcome.CANCELLED), t.retries());
        out.printf("  %-16s %8s   %-26s %-26s %s%n", "class", "sessions", "queue wait p50/p95/max",
                "session p50/p95/max", "all done after");
        t.queueWait().forEach((cls, wait) -> out.printf("  %-16s %8d   %-26s %-26s %s%n", cls,
                t.classMix().containsKey(cls) ? t.classMix().get(cls).sessions() : 0, triple(wait),
                triple(t.sessionTime().getOrDefault(cls, Percentiles.NONE)),
                Show.duration(t.finishedAfter().getOrDefault(cls, java.time.Duration.ZERO))));
        categoryLines.forEach(line -> out.println("  " + line));
        if (t.borrowed().sessions() > 0) {
            out.printf("  borrowed slots (backfill, beyond a class's quota): %d sessions, busy %s%n",
                    t.borrowed().sessions(), Show.duration(t.borrowed().busy()));
        }
        out.printf("  implementation waiting behind reviews: %s%n",
                Show.duration(t.implementationBehindReviews().waitedBehind()));
        int broken = t.violations().values().stream().mapToInt(Integer::intValue).sum();
        // writes a git workspace observed outside the declared ones count as footprint violations
        out.printf("  guarantees: %d quota violations, %d footprint violations, %d broken in all%n",
                t.violations().getOrDefault(Guarantee.QUOTA, 0) + t.violations().getOrDefault(Guarantee.CAPACITY, 0),
                t.violations().getOrDefault(Guarantee.FOOTPRINT, 0)
                        + t.violations().getOrDefault(Guarantee.DECLARED_WRITES, 0), broken);
        GitLines.of(t.git()).forEach(line -> out.println("  " + line));
        List<NodeView> failures = result.failed();
        if (!failures.isEmpty()) {
            out.println("  failed or blocked:");
            failures.stream().limit(LISTED_FAILURES).forEach(n -> out.printf("    %s: %s%n", n.id(), n.detail()));
            if (failures.size() > LISTED_FAILURES) {
                out.printf("    … and %d more (slotflow status --run-id %s)%n", failures.size() - LISTED_FAILURES,
                        result.runId());
            }
        }
        if (!result.reason().isEmpty()) {
            out.printf("  stopped: %s%n", result.reason());
        }
        out.printf("  journal: %s (run %s)%n", journal, result.runId());
        out.printf("  logs:    %s%n", logs);
        out.printf("  engine log: %s%n", engineLog);
        if (resume != null) {
            // a run that finished with failures is retried; one that stopped early is resumed
            out.printf("  %s %s%n", result.outcome() == RunResult.Outcome.FAILED ? "retry:  " : "resume: ", resume);
        }
        out.flush();
    }

    private static String triple(Percentiles p) {
        return Show.duration(p.p50()) + " / " + Show.duration(p.p95()) + " / " + Show.duration(p.max());
    }
}
