package io.slotflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.Percentiles;
import io.slotflow.metrics.Telemetry;
import io.slotflow.replay.Replay;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.RunPhase;
import io.slotflow.state.RunState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow stats}: a run's telemetry, as text or JSON (durations in seconds). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "A run's telemetry: makespan and lower bound, concurrency, utilization, waits, outcomes, mix.")
final class StatsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Mixin
    RunSelection selection;

    @Option(names = "--json", description = "Print JSON (durations as seconds).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Replay replay = selection.open()) {
            List<RunEvent> events = replay.events(selection.resolve(replay));
            Telemetry t = Telemetry.of(events);
            if (json) {
                out.println(JSON.writeValueAsString(t));
                return ExitCode.OK;
            }
            RunState state = RunState.fold(events);
            out.printf("run %s: %s — %s%n", t.runId(), RunPhase.of(state).words(), nodes(state));
            MakespanLines.of(t).forEach(line -> out.println("  " + line));
            out.printf("  concurrency: peak %d, mean %.2f of K = %d; slot utilization %s%n", t.peakConcurrency(),
                    t.meanConcurrency(), t.slots(), Show.percent(t.utilization()));
            out.printf("  sessions %d: %s; NOOP rate %s; %d retries%n", t.sessions(), outcomes(t),
                    Show.percent(t.noopRate()), t.retries());
            out.println("  queue wait per class (p50 / p95 / max):");
            t.queueWait().forEach((cls, p) -> out.printf("    %-16s %s%n", cls, triple(p)));
            out.println("  class mix (sessions, busy):");
            t.classMix().forEach((cls, m) -> out.printf("    %-16s %5d  %s%n", cls, m.sessions(), Show.duration(m.busy())));
            out.printf("    %-16s %5d  %s%n", "borrowed slots", t.borrowed().sessions(), Show.duration(t.borrowed().busy()));
            List<String> categories = CategoryLines.of(io.slotflow.metrics.CategoryReport.of(events), t);
            if (!categories.isEmpty()) {
                out.println("  categories (slot time from dispatch to finish; share against target):");
                categories.forEach(line -> out.println("    " + line));
            } else if (!t.categoryMix().isEmpty()) {
                out.println("  category mix (sessions, busy):");
                t.categoryMix().forEach((c, m) -> out.printf("    %-16s %5d  %s%n", c, m.sessions(), Show.duration(m.busy())));
            }
            out.println("  mix over time (busy time per class in each tenth of the wall time):");
            int tenth = 0;
            for (Map<String, Duration> bucket : t.mixOverTime()) {
                out.printf("    %3d%%  %s%n", 10 * tenth++, bucket.isEmpty() ? "idle" : bucket.entrySet().stream()
                        .map(e -> e.getKey() + " " + Show.duration(e.getValue())).collect(Collectors.joining(", ")));
            }
            out.printf("  implementation waiting behind reviews: %s%n",
                    Show.duration(t.implementationBehindReviews().waitedBehind()));
            GitLines.of(t.git()).forEach(line -> out.println("  " + line));
            int broken = t.violations().values().stream().mapToInt(Integer::intValue).sum();
            out.printf("  guarantees broken: %d%s%n", broken, broken == 0 ? "" : t.violations().entrySet().stream()
                    .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")")));
            return ExitCode.OK;
        }
    }

    /** "60 of 62 nodes succeeded, 1 failed, 1 blocked" (", 1 cancelled" when an operator cancelled some). */
    private static String nodes(RunState state) {
        int cancelled = state.count(NodeLifecycle.State.CANCELLED);
        return String.format("%d of %d nodes succeeded, %d failed, %d blocked%s",
                state.count(NodeLifecycle.State.SUCCEEDED), state.nodes().size(),
                state.count(NodeLifecycle.State.FAILED), state.count(NodeLifecycle.State.BLOCKED),
                cancelled == 0 ? "" : ", " + cancelled + " cancelled");
    }

    /** "60 succeeded, 2 noop, 1 timed out", in the order of {@link SessionOutcome}. */
    private static String outcomes(Telemetry t) {
        String counted = Arrays.stream(SessionOutcome.values()).filter(o -> t.count(o) > 0)
                .map(o -> t.count(o) + " " + o.name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
        return counted.isEmpty() ? "none ended" : counted;
    }

    private static String triple(Percentiles p) {
        return Show.duration(p.p50()) + " / " + Show.duration(p.p95()) + " / " + Show.duration(p.max());
    }

}
