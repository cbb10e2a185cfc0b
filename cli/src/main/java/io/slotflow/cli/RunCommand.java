package io.slotflow.cli;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.cluster.NodeSettings;
import io.slotflow.engine.cluster.SlotflowNode;
import io.slotflow.engine.internal.FullDisk;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.metrics.Telemetry;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.plan.Plan;
import io.slotflow.sim.Forecast;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code slotflow run PLAN}: runs a plan with real processes, shows the slots while it runs, and
 * prints a summary. A run id already in the journal is resumed. Ctrl-C stops dispatching, cancels
 * the running sessions (recorded CANCELLED) and exits 130; SIGTERM stops dispatching, lets the
 * running sessions finish within the stop grace, and exits 143 ({@link Signals}).
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

    @Mixin
    KillGraceOption killGrace;

    @Mixin
    StopGraceOption stopGrace;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit the run to the Slotflow cluster that this member belongs to, and follow it.")
    String cluster;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "With --cluster: this machine's address as the cluster reaches it (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--serve", paramLabel = "PORT", arity = "0..1", fallbackValue = "" + ServeCommand.DEFAULT_PORT,
            description = "Also serve this run's control API and dashboard on 127.0.0.1:PORT (default "
                    + ServeCommand.DEFAULT_PORT + "; 0 picks a free port), with the token in the state directory "
                    + "(docs/api.md).")
    Integer servePort;

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
        Duration grace = killGrace.parse();
        Duration stopGrace = this.stopGrace.parse();
        boolean liveView = terminal(); // every usage mistake before the journal is touched
        PrintWriter out = spec.commandLine().getOut();
        EngineSettings settings = EngineSettings.defaults(journal.stateDir).withJournal(journal.settings())
                .withKillGrace(grace);
        String resume = "slotflow run " + planOptions.plan + " --run-id " + id
                + (journal.journalUrl == null ? "" : " --journal '" + JournalSettings.redact(journal.journalUrl) + "'")
                + (journal.stateDir.equals(java.nio.file.Path.of(".slotflow")) ? "" : " --state-dir " + journal.stateDir);
        if (cluster != null) {
            HostPort.check("--cluster", cluster);
            resume += " --cluster " + cluster;
        }
        startingLine(out, liveView);
        try (EngineLogFile log = EngineLogFile.open(journal.stateDir);
                Engine engine = cluster == null ? Engine.local(settings, grace) : Engine.cluster(settings, host, cluster)) {
            RunHandle run = engine.run(plan, new RunOptions(id, planOptions.directory()));
            out.printf("run %s: %s, K = %d (resume with: %s)%n", id, planOptions.plan, plan.run().slots(), resume);
            String retry = "slotflow retry " + id + " --plan-dir " + planOptions.directory().toAbsolutePath()
                    + journal.sameJournalOptions();
            java.util.Optional<io.slotflow.server.SlotflowServer> api =
                    servePort == null ? java.util.Optional.empty() : java.util.Optional.of(serve(engine, run));
            return follow(out, engine, run, plan, liveView, stopGrace, journal, settings, resume, retry, api);
        }
    }

    /**
     * Shows a started run until it ends, prints its summary and returns the exit code.
     *
     * @param plan the run's plan, simulated for the live view's forecast of the time left
     * @param resume the command that resumes the run, told where it stopped
     * @param retry the command that retries the run's failed work, told when it finished with failures
     * @param api the control API over this run ({@code --serve}), closed when the run ends
     */
    static int follow(PrintWriter out, Engine engine, RunHandle run, Plan plan, boolean liveView, Duration stopGrace,
            JournalOptions journal, EngineSettings settings, String resume, String retry,
            java.util.Optional<io.slotflow.server.SlotflowServer> api) throws Exception {
        {
            out.flush();
            String id = run.runId();
            LiveView live = LiveView.forOutput(out, liveView, Clock.systemUTC()).forecasting(Forecast.of(plan));
            try (AutoCloseable events = run.subscribe(live::event);
                    Signals signals = Signals.install(run, stopGrace, System.err)) {
                Instant started = Instant.now();
                CompletableFuture<RunResult> result = run.result().toCompletableFuture();
                // a local engine stops a run whose disk fills up itself; a cluster's client looks at its own
                java.util.Optional<FullDisk> disk = engine.local().isPresent() ? java.util.Optional.empty()
                        : java.util.Optional.of(FullDisk.of(journal.stateDir));
                while (!result.isDone()) {
                    if (disk.filter(FullDisk::isFull).isPresent()) {
                        throw diskFull(disk.get().describe(), resume); // closing the engine kills the sessions
                    }
                    live.refresh(run.status(), Duration.between(started, Instant.now()));
                    try {
                        result.get(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillRunning) {
                        // redraw
                    } catch (java.util.concurrent.ExecutionException failed) {
                        // told below
                    }
                }
                if (result.handle((r, e) -> e).join() instanceof io.slotflow.engine.DiskFullException full) {
                    throw diskFull(full.getMessage(), resume);
                }
                live.finish();
                api.ifPresent(io.slotflow.server.SlotflowServer::unbind);
                RunResult done = result.join();
                var runEvents = engine.journal().events(id);
                Telemetry telemetry = Telemetry.of(runEvents);
                Summary.print(out, done, telemetry,
                        CategoryLines.of(io.slotflow.metrics.CategoryReport.of(runEvents), telemetry), journal.describe(),
                        settings.logDirectory(id).toAbsolutePath().normalize().toString(),
                        EngineLogFile.of(journal.stateDir).toString(),
                        switch (done.outcome()) {
                            case SUCCEEDED -> null;
                            case FAILED -> retry;
                            default -> resume;
                        });
                return switch (done.outcome()) {
                    case SUCCEEDED -> ExitCode.OK;
                    case FAILED -> ExitCode.FAILED;
                    case INTERRUPTED -> signals.exitCode();
                    case ABORTED -> ExitCode.JOURNAL;
                };
            }
        }
    }

    /** Nothing more can be recorded: the run was stopped; say so in one line. */
    private static Main.UserError diskFull(String what, String resume) {
        return new Main.UserError(what + ": the run was stopped and its sessions killed; free some space, then resume "
                + "with: " + resume, ExitCode.JOURNAL);
    }

    /** {@code --serve}: the control API over this run, beside it in the same engine. */
    private io.slotflow.server.SlotflowServer serve(Engine engine, RunHandle run) throws java.io.IOException {
        if (engine.local().isEmpty()) {
            throw new Main.UserError("--serve: serves a run of this process's engine, not one on a cluster",
                    ExitCode.INVALID);
        }
        if (servePort < 0 || servePort > 65_535) {
            throw new Main.UserError("--serve: expected a port from 0 to 65535, got " + servePort, ExitCode.INVALID);
        }
        io.slotflow.server.SlotflowServer api;
        try {
            api = io.slotflow.server.SlotflowServer.beside(engine.local().get(), io.slotflow.server.ServeSettings
                    .loopback(servePort, io.slotflow.server.ApiToken.inStateDirectory(journal.stateDir)), run);
        } catch (IllegalStateException e) {
            run.interrupt("the API could not listen");
            throw new Main.UserError("--serve: " + e.getMessage(), ExitCode.INVALID);
        }
        spec.commandLine().getOut().printf("api on http://127.0.0.1:%d (token in %s)%n", api.address().getPort(),
                journal.stateDir.resolve(io.slotflow.server.ApiToken.FILE_NAME));
        return api;
    }

    /** Where a run runs: an engine in this process, or a cluster this process joins to submit and follow it. */
    record Engine(java.util.function.BiFunction<Plan, RunOptions, RunHandle> runner,
            java.util.function.BiFunction<Plan, RunOptions, RunHandle> retrier,
            io.slotflow.persistence.JournalReader journal, Runnable closer,
            java.util.Optional<Slotflow> local) implements AutoCloseable {

        RunHandle retry(Plan plan, RunOptions options) {
            return retrier.apply(plan, options);
        }

        RunHandle run(Plan plan, RunOptions options) {
            return runner.apply(plan, options);
        }

        @Override
        public void close() {
            closer.run();
        }

        static Engine local(EngineSettings settings, Duration grace) {
            Slotflow engine = Slotflow.start(settings, new ProcessRunner(grace));
            return new Engine(engine::run, engine::retry, engine.journal(), engine::close, java.util.Optional.of(engine));
        }

        static Engine cluster(EngineSettings settings, String host, String seed) {
            SlotflowNode member = SlotflowNode.start(new NodeSettings(settings, host, 0, List.of(seed), 0),
                    new ProcessRunner());
            try {
                member.awaitUp(JOIN_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                member.close();
                throw new Main.UserError("cannot join the cluster at " + seed + " within " + JOIN_TIMEOUT.toSeconds()
                        + " s: is a member running there?", ExitCode.JOURNAL);
            }
            return new Engine(member::submit, (plan, options) -> {
                throw new Main.UserError("retry runs on a local engine; run it without --cluster", ExitCode.INVALID);
            }, member.journal(), member::close, java.util.Optional.empty());
        }
    }

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    /** The live view has nothing to draw until the engine is up (seconds on a loaded machine): say so at once. */
    static void startingLine(PrintWriter out, boolean liveView) {
        if (liveView) {
            out.println("starting the engine…");
            out.flush();
        }
    }

    private boolean terminal() {
        return terminal(view);
    }

    static boolean terminal(String view) {
        return switch (view) {
            case "live" -> true;
            case "lines" -> false;
            case "auto" -> System.console() != null;
            default -> throw new Main.UserError("--view: expected live, lines or auto, got '" + view + "'",
                    ExitCode.INVALID);
        };
    }
}
