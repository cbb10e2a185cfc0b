package io.slotflow.engine;

import io.slotflow.engine.internal.ActorSystems;
import io.slotflow.engine.internal.HostContext;
import io.slotflow.engine.internal.LocalRunHandle;
import io.slotflow.engine.internal.LocalRuns;
import io.slotflow.engine.internal.SessionHost;
import io.slotflow.engine.internal.RunContext;
import io.slotflow.engine.internal.RunGuardian;
import io.slotflow.engine.internal.RunLog;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import io.slotflow.state.RunState;
import java.io.IOException;
import java.nio.file.Files;
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

    private final EngineSettings settings;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final LocalRuns localRuns = new LocalRuns();
    private final ActorRef<SessionHost.Command> sessionHost;
    private final JournalReader reader;
    private final Map<String, LocalRunHandle> runs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();

    private Slotflow(EngineSettings settings, SessionRunner runner, ActorSystem<SpawnProtocol.Command> system) {
        this.settings = settings;
        this.system = system;
        this.reader = JournalReader.on(system);
        HostContext host = new HostContext(NodeDispatched.LOCAL, Integer.MAX_VALUE, runner,
                settings.stateDirectory().toAbsolutePath(),
                settings.clock(), settings.killGrace(), localRuns);
        this.sessionHost = ActorSystems.spawn(system, SessionHost.create(host), "session-host");
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
            Files.createDirectories(settings.stateDirectory());
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot create the state directory " + settings.stateDirectory()
                    + ": " + JournalUnavailableException.rootMessage(e), e);
        }
        ActorSystem<SpawnProtocol.Command> system =
                ActorSystem.create(SpawnProtocol.create(), "slotflow", JournalConfig.of(settings.journal()));
        try {
            JournalSchema.ensure(system, settings.journal(), SCHEMA_TIMEOUT);
        } catch (RuntimeException e) {
            ActorSystems.terminate(system);
            throw e;
        }
        return new Slotflow(settings, runner, system);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Reads this engine's journal. */
    public JournalReader journal() {
        return reader;
    }

    /**
     * Runs a plan, or resumes it when its run id is already in the journal: completed nodes stay
     * completed, sessions that were running when the engine stopped are recorded LOST and run again.
     *
     * @throws PlanMismatchException when the run id names a run of another plan
     * @throws IllegalStateException when this engine already runs that run id
     */
    public RunHandle run(Plan plan, RunOptions options) {
        String runId = options.runId();
        PlanGraph graph = PlanGraph.of(plan);
        String digest = PlanDigest.of(plan);
        List<RunEvent> past = ActorSystems.pastEvents(reader, runId);
        RunState before = RunState.fold(past);
        if (before.accepted().map(PlanAccepted::planDigest).filter(d -> !d.equals(digest)).isPresent()) {
            throw new PlanMismatchException(runId);
        }
        LocalRunHandle handle = new LocalRunHandle(runId, past);
        if (runs.putIfAbsent(runId, handle) != null) {
            throw new IllegalStateException("run " + runId + " is already running in this engine");
        }
        handle.result().whenComplete((r, e) -> runs.remove(runId, handle));
        if (before.isCompleted()) {
            handle.completedBefore();
            return handle;
        }
        RunContext template = new RunContext(runId, graph, digest, options.planDirectory().toAbsolutePath(),
                settings.clock(), RunLog.listening(runId, handle), null, settings.settleTimeout(),
                RunLog.supervising(runId, handle), settings.journalRetries());
        ActorRef<RunGuardian.Command> guardian = ActorSystems.spawn(system,
                RunGuardian.create(template, sessionHost, localRuns),
                "run-" + started.incrementAndGet() + "-" + runId.replaceAll("[^A-Za-z0-9_-]", "_"));
        handle.attach(guardian, system);
        return handle;
    }

    /** Stops every run in this engine (their sessions are killed) and the actor system. */
    @Override
    public void close() {
        ActorSystems.terminate(system);
    }

}
