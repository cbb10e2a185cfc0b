package io.slotflow.cli;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.metrics.Telemetry;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.plan.Plan;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code slotflow run PLAN}: runs a plan with real processes, shows the slots while it runs, and
 * prints a summary. A run id already in the journal is resumed. Ctrl-C stops dispatching, cancels
 * the running sessions (recorded CANCELLED) and exits 130; a second Ctrl-C exits at once.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a plan (or resume it, when --run-id names a run in the journal).")
final class RunCommand implements Callable<Integer> {

    private static final Duration REFRESH = Duration.ofMillis(250);

    @Mixin
    PlanOptions planOptions;

    @Mixin
    JournalOptions journal;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Names the run; an existing run id resumes that run. Default: the plan's name and the time.")
    String runId;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "auto",
            description = "live (redrawn in place), lines (timestamped lines) or auto: live on a terminal (default).")
    String view;

    @Option(names = "--kill-grace", paramLabel = "DURATION", defaultValue = "500ms",
            description = "Between TERM and KILL when a session is stopped (default: ${DEFAULT-VALUE}).")
    String killGrace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan = planOptions.load(); // an invalid plan stops here: nothing touches the journal
        String id = runId != null ? runId : RunOptions.newRunId(plan.name(), LocalDateTime.now());
        if (!RunOptions.isValidRunId(id)) {
            throw new Main.UserError("run id '" + id + "' is not safe as a file name: use letters, digits, "
                    + "'.', '_' and '-', starting with a letter or digit", ExitCode.INVALID);
        }
        Duration grace = io.slotflow.plan.Durations.parse(killGrace);
        if (grace == null) {
            throw new Main.UserError("--kill-grace: expected a duration like 500ms or 2s, got '" + killGrace + "'",
                    ExitCode.INVALID);
        }
        PrintWriter out = spec.commandLine().getOut();
        EngineSettings settings = EngineSettings.defaults(journal.stateDir).withJournal(journal.settings())
                .withKillGrace(grace);
        String resume = "slotflow run " + planOptions.plan + " --run-id " + id
                + (journal.journalUrl == null ? "" : " --journal '" + JournalSettings.redact(journal.journalUrl) + "'")
                + (journal.stateDir.equals(java.nio.file.Path.of(".slotflow")) ? "" : " --state-dir " + journal.stateDir);
        try (Slotflow engine = Slotflow.start(settings, new ProcessRunner(grace))) {
            RunHandle run = engine.run(plan, new RunOptions(id, planOptions.directory()));
            out.printf("run %s: %s, K = %d (resume with: %s)%n", id, planOptions.plan, plan.run().slots(), resume);
            out.flush();
            LiveView live = LiveView.forOutput(out, terminal(), Clock.systemUTC());
            try (AutoCloseable events = run.subscribe(live::event); Interrupts interrupts = Interrupts.install(run)) {
                Instant started = Instant.now();
                CompletableFuture<RunResult> result = run.result().toCompletableFuture();
                while (!result.isDone()) {
                    live.refresh(run.status(), Duration.between(started, Instant.now()));
                    try {
                        result.get(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillRunning) {
                        // redraw
                    }
                }
                live.finish();
                RunResult done = result.join();
                Telemetry telemetry = Telemetry.of(engine.journal().events(id));
                Summary.print(out, done, telemetry, journal.describe(),
                        settings.logDirectory(id).toAbsolutePath().normalize().toString(),
                        done.outcome() == RunResult.Outcome.SUCCEEDED ? null : resume);
                return switch (done.outcome()) {
                    case SUCCEEDED -> ExitCode.OK;
                    case FAILED -> ExitCode.FAILED;
                    case INTERRUPTED -> ExitCode.INTERRUPTED;
                    case ABORTED -> ExitCode.JOURNAL;
                };
            }
        }
    }

    private boolean terminal() {
        return switch (view) {
            case "live" -> true;
            case "lines" -> false;
            case "auto" -> System.console() != null;
            default -> throw new Main.UserError("--view: expected live, lines or auto, got '" + view + "'",
                    ExitCode.INVALID);
        };
    }

    /** Ctrl-C: the first interrupts the run cleanly, a second exits at once. */
    static final class Interrupts implements AutoCloseable {
        private final sun.misc.Signal signal = new sun.misc.Signal("INT");
        private final sun.misc.SignalHandler previous;

        private Interrupts(RunHandle run) {
            AtomicInteger count = new AtomicInteger();
            previous = sun.misc.Signal.handle(signal, sig -> {
                if (count.incrementAndGet() == 1) {
                    System.err.println("\nslotflow: interrupting — cancelling the running sessions (Ctrl-C again to quit now)");
                    run.interrupt("interrupted by the user (Ctrl-C)");
                } else {
                    Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
                }
            });
        }

        static Interrupts install(RunHandle run) {
            return new Interrupts(run);
        }

        @Override
        public void close() {
            sun.misc.Signal.handle(signal, previous);
        }
    }
}
