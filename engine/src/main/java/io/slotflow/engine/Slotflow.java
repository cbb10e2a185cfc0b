package io.slotflow.engine;

import io.slotflow.engine.internal.ActorSystems;
import io.slotflow.engine.internal.FullDisk;
import io.slotflow.engine.internal.HostContext;
import io.slotflow.engine.internal.LocalRunHandle;
import io.slotflow.engine.internal.LocalRuns;
import io.slotflow.engine.internal.SessionHost;
import io.slotflow.engine.internal.RunContext;
import io.slotflow.engine.internal.RunGuardian;
import io.slotflow.engine.internal.LeaseKeeper;
import io.slotflow.engine.internal.RunListener;
import io.slotflow.engine.internal.RunLog;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.HighWaterMarks;
import io.slotflow.persistence.JournalFiles;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.persistence.RunLease;
import io.slotflow.persistence.RunLeases;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import io.slotflow.state.RetrySelection;
import io.slotflow.state.RunState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * The embedding API: an engine that runs plans in K slots, journaling every decision.
 *
 * <pre>{@code
 * try (Slotflow engine = Slotflow.start(EngineSettings.defaults(Path.of(".slotflow")), new ProcessRunner())) {
 *     RunHandle run = engine.run(PlanParser.parse(Path.of("plan.yaml")), new RunOptions("nightly-1", Path.of(".")));
 *     RunResult result = run.result().toCompletableFuture().join();
 * }
 * }</pre>
 *
 * Thread-safe. One engine may run several plans at once, each under its own run id.
 */
public final class Slotflow implements AutoCloseable {

    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);
    /** How often the disk holding the state directory is looked at while runs run. */
    private static final Duration DISK_WATCH = Duration.ofMillis(500);

    private final EngineSettings settings;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final LocalRuns localRuns = new LocalRuns();
    private final ActorRef<SessionHost.Command> sessionHost;
    private final JournalReader reader;
    private final RunLeases leases;
    private final LeaseKeeper keeper;
    private final HighWaterMarks marks;
    private final Map<String, LocalRunHandle> runs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    private final io.slotflow.engine.git.GitWorkspaceRunner workspaces;
    private final java.util.concurrent.ScheduledExecutorService diskWatch;

    private Slotflow(EngineSettings settings, SessionRunner runner, ActorSystem<SpawnProtocol.Command> system,
            RunLeases leases) {
        this.settings = settings;
        this.system = system;
        this.reader = JournalReader.on(system, settings.journal());
        this.leases = leases;
        this.keeper = new LeaseKeeper(leases, RunLeases.TERM.dividedBy(4));
        this.marks = HighWaterMarks.of(settings.journal());
        // sessions of a plan with a git workspace get a worktree around whatever runs them
        this.workspaces = new io.slotflow.engine.git.GitWorkspaceRunner(runner);
        HostContext host = new HostContext(NodeDispatched.LOCAL, Integer.MAX_VALUE, workspaces,
                settings.stateDirectory().toAbsolutePath(),
                settings.clock(), settings.killGrace(), localRuns);
        this.sessionHost = ActorSystems.spawn(system, SessionHost.create(host), "session-host");
        this.diskWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotflow-disk-watch");
            t.setDaemon(true);
            return t;
        });
        FullDisk disk = FullDisk.of(settings.stateDirectory());
        diskWatch.scheduleWithFixedDelay(() -> stopIfFull(disk), DISK_WATCH.toMillis(), DISK_WATCH.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** A full disk records nothing more: every run stops at once, its result failing with why. */
    private void stopIfFull(FullDisk disk) {
        try {
            if (!runs.isEmpty() && disk.isFull()) {
                DiskFullException full = new DiskFullException(settings.stateDirectory(), disk.describe());
                runs.values().forEach(run -> run.diskFull(full));
            }
        } catch (RuntimeException e) {
            // a look that failed must never end the watch
        }
    }

    /**
     * Starts an engine: its actor system, and the journal's tables if they do not exist yet.
     *
     * @throws io.slotflow.persistence.JournalUnavailableException when the journal cannot be used
     */
    public static Slotflow start(EngineSettings settings, SessionRunner runner) {
        // initialising SLF4J before Pekko avoids its start-up warning about a substitute logger
        org.slf4j.LoggerFactory.getILoggerFactory();
        try {
            OwnerOnly.createDirectories(settings.stateDirectory());
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot create the state directory " + settings.stateDirectory()
                    + ": " + JournalUnavailableException.rootMessage(e), e);
        }
        JournalFiles.restrict(settings.journal());
        ActorSystem<SpawnProtocol.Command> system =
                ActorSystem.create(SpawnProtocol.create(), "slotflow", JournalConfig.of(settings.journal()));
        RunLeases leases = RunLeases.of(settings.journal());
        try {
            JournalSchema.ensure(system, settings.journal(), SCHEMA_TIMEOUT);
            leases.createTable();
        } catch (RuntimeException e) {
            ActorSystems.terminate(system);
            throw e;
        }
        return new Slotflow(settings, runner, system, leases);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** The engine's actor system, for services that run beside the runs (an HTTP server). */
    public ActorSystem<?> actorSystem() {
        return system;
    }

    /** Reads this engine's journal. */
    public JournalReader journal() {
        return reader;
    }

    /**
     * Runs a plan, or resumes it when its run id is already in the journal: completed nodes stay
     * completed, sessions that were running when the engine stopped are recorded LOST and run again.
     *
     * <p>The engine first takes the run's lease in the journal's database, so that no other engine
     * runs it at the same time, and holds it until the run stops.
     *
     * @throws PlanMismatchException when the run id names a run of another plan
     * @throws IllegalStateException when this engine already runs that run id
     * @throws io.slotflow.persistence.RunHeldException when another live engine runs it
     * @throws io.slotflow.persistence.JournalCorruptException when the journal lost events of the run
     * @throws WorkspaceRefusedException when the plan's git workspace cannot be used (no repository,
     *     no such branch, uncommitted changes in the main worktree)
     *
     * <p>When the disk holding the state directory fills up, the run is stopped at once (its sessions
     * killed) and its {@link RunHandle#result()} fails with a {@link DiskFullException}.
     */
    public RunHandle run(Plan plan, RunOptions options) {
        return start(plan, options, false);
    }

    /**
     * Retries the failed work of a finished run, within the same run: its failed (timed-out
     * included) and blocked groups get new attempts — their class's whole {@code max-attempts} —
     * and what succeeded stays done. Each retry is journaled ({@code run-retried}); the sessions
     * are told how the node's previous session ended ({@code SLOTFLOW_PREVIOUS_OUTCOME} …).
     *
     * A retry that was stopped before it finished goes on, as {@link #run} resumes a run.
     *
     * @throws RetryRefusedException when the run has not finished, or has nothing to retry
     * @throws PlanMismatchException when the run id names a run of another plan
     */
    public RunHandle retry(Plan plan, RunOptions options) {
        return start(plan, options, true);
    }

    private RunHandle start(Plan plan, RunOptions options, boolean retry) {
        String runId = options.runId();
        PlanGraph graph = PlanGraph.of(plan);
        String digest = PlanDigest.of(plan);
        if (runs.containsKey(runId)) {
            throw new IllegalStateException("run " + runId + " is already running in this engine");
        }
        // before the lease and the journal: a workspace that cannot be used refuses the run untouched
        java.util.Optional<io.slotflow.engine.git.GitTarget> git =
                io.slotflow.engine.git.RepositoryCheck.resolve(plan, options.planDirectory().toAbsolutePath());
        RunLease lease = leases.acquire(runId);
        LocalRunHandle handle = null;
        HighWaterMarks.Writer mark;
        java.util.Optional<RetrySelection.Reopen> reopen = java.util.Optional.empty();
        try {
            java.util.OptionalLong written = marks.written(runId); // before the events: it only grows
            List<RunEvent> past = ActorSystems.pastEvents(reader, runId);
            marks.check(runId, written, past.size()); // never resume over a journal that lost events
            RunState before = RunState.fold(past);
            if (before.accepted().filter(accepted -> !accepted.startedFrom(digest)).isPresent()) {
                throw new PlanMismatchException(runId);
            }
            if (retry) {
                RetrySelection selection = before.accepted().isEmpty()
                        ? new RetrySelection.Refused("no run " + runId + " in this journal")
                        : RetrySelection.of(before);
                if (selection instanceof RetrySelection.Refused refused) {
                    throw new RetryRefusedException(refused.reason());
                }
                reopen = java.util.Optional.of((RetrySelection.Reopen) selection);
            } else if (before.accepted().isPresent()) {
                reopen = RetrySelection.underWay(before); // a retry stopped before it finished goes on
            }
            LocalRunHandle fresh = new LocalRunHandle(runId, past, () -> reader.events(runId));
            if (runs.putIfAbsent(runId, fresh) != null) {
                throw new IllegalStateException("run " + runId + " is already running in this engine");
            }
            handle = fresh;
            if (before.isCompleted() && !retry) {
                runs.remove(runId, handle);
                keeper.release(lease);
                handle.completedBefore();
                return handle;
            }
            mark = marks.writer(runId, past.size());
        } catch (RuntimeException e) {
            if (handle != null) {
                runs.remove(runId, handle);
            }
            keeper.release(lease);
            throw e;
        }
        LocalRunHandle running = handle;
        keeper.hold(lease, running::failed);
        running.result().whenComplete((r, e) -> {
            runs.remove(runId, running);
            keeper.release(lease);
            mark.close();
        });
        RunListener listener = events -> {
            mark.advance(events.size()); // before anything acts on them
            running.persisted(events);
        };
        RunContext template = new RunContext(runId, graph, digest, options.planDirectory().toAbsolutePath(),
                settings.clock(), RunLog.listening(runId, listener), null, settings.settleTimeout(),
                RunLog.supervising(runId, handle), settings.journalRetries(), git, reopen);
        ActorRef<RunGuardian.Command> guardian = ActorSystems.spawn(system,
                RunGuardian.create(template, sessionHost, localRuns),
                "run-" + started.incrementAndGet() + "-" + runId.replaceAll("[^A-Za-z0-9_-]", "_"));
        handle.attach(guardian, system, options.planDirectory().toAbsolutePath());
        return handle;
    }

    /** Stops every run in this engine (their sessions are killed) and the actor system. */
    @Override
    public void close() {
        diskWatch.shutdownNow();
        marks.closeAll(); // while the journal is open; what the stopping runs write later only lags the marks
        ActorSystems.terminate(system);
        workspaces.close();
        keeper.close(); // after the sessions are stopped: a successor may start at once
    }

}
