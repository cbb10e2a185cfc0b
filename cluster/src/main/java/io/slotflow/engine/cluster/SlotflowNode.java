package io.slotflow.engine.cluster;

import io.slotflow.engine.PlanMismatchException;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.internal.ActorSystems;
import io.slotflow.engine.internal.HostContext;
import io.slotflow.engine.internal.LocalRunHandle;
import io.slotflow.engine.internal.SessionHost;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunInterrupted;
import io.slotflow.persistence.CoordinatorLease;
import io.slotflow.persistence.HostLeases;
import io.slotflow.persistence.JournalFiles;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import io.slotflow.state.RunState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * A member of a Slotflow cluster. A worker ({@code slots > 0}) runs sessions in its slots, and may
 * host the runs coordinator (a cluster singleton) and spec actors (sharded); any member may submit
 * a run and follow it, from the shared journal.
 *
 * <pre>{@code
 * try (SlotflowNode node = SlotflowNode.start(new NodeSettings(engine, "10.0.0.5", 2551,
 *         List.of("10.0.0.5:2551", "10.0.0.6:2551"), 8), new ProcessRunner())) {
 *     node.awaitUp(Duration.ofMinutes(1));
 *     RunHandle run = node.submit(plan, new RunOptions("nightly-1", Path.of(".")));
 * }
 * }</pre>
 */
public final class SlotflowNode implements AutoCloseable {

    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final NodeSettings settings;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final ActorRef<RunsCoordinator.Command> coordinator;
    private final JournalReader reader;
    private final HostLeaseKeeper keeper;
    private volatile boolean fenced;

    private SlotflowNode(NodeSettings settings, ActorSystem<SpawnProtocol.Command> system, SessionRunner runner) {
        this.settings = settings;
        this.system = system;
        this.reader = JournalReader.unmarked(system, settings.engine().journal());
        this.coordinator = ClusterSingleton.get(system).init(SingletonActor.of(
                RunsCoordinator.create(settings.engine()), "runs-coordinator")
                .withSettings(ClusterSingletonSettings.create(system).withRole(ClusterConfig.WORKER)));
        if (settings.isWorker()) {
            ClusterSharding.get(system).init(Entity.of(SpecEntity.TYPE,
                    entity -> SpecEntity.create(entity.getEntityId(), settings.engine(), coordinator))
                    .withRole(ClusterConfig.WORKER));
            String hostId = Cluster.get(system).selfMember().address().toString();
            long incarnation = Cluster.get(system).selfMember().uniqueAddress().longUid();
            java.util.concurrent.atomic.AtomicReference<ActorRef<SessionHost.Command>> hostRef =
                    new java.util.concurrent.atomic.AtomicReference<>();
            try {
                this.keeper = HostLeaseKeeper.start(HostLeases.of(settings.engine().journal()), hostId, incarnation,
                        runner, () -> fenced(hostRef.get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JournalUnavailableException("interrupted while taking the session host's lease", e);
            }
            HostLeaseKeeper lease = keeper;
            HostContext host = new HostContext(hostId, settings.slots(), runner,
                    settings.engine().stateDirectory().toAbsolutePath(), settings.engine().clock(),
                    settings.engine().killGrace(),
                    (runId, report) -> coordinator.tell(new RunsCoordinator.ToSlotManager(runId, report)),
                    new HostContext.HostLease() {
                        @Override
                        public boolean holds() {
                            return lease.holds();
                        }

                        @Override
                        public long incarnation() {
                            return incarnation;
                        }
                    });
            ActorRef<SessionHost.Command> sessionHost = ActorSystems.spawn(system, SessionHost.create(host), "session-host");
            hostRef.set(sessionHost);
            system.receptionist().tell(Receptionist.register(RunsCoordinator.HOSTS, sessionHost));
        } else {
            this.keeper = null;
        }
    }

    /**
     * The lease ran out (the member was frozen or cut off from the database for longer than its
     * term): its sessions may be running elsewhere already. Stop them, and leave: this incarnation
     * can never run sessions again.
     */
    private void fenced(ActorRef<SessionHost.Command> sessionHost) {
        fenced = true;
        system.log().warn("this member's session host lost its lease (it could not renew it in time): its sessions "
                + "were stopped and may run on other members; the member stops");
        if (sessionHost != null) {
            sessionHost.tell(SessionHost.Fenced.INSTANCE);
        }
        system.terminate();
    }

    /** This member's actor system (for tests in this package). */
    ActorSystem<?> system() {
        return system;
    }

    /** Whether this member stopped because its session host lost its lease. */
    public boolean wasFenced() {
        return fenced;
    }

    /**
     * Starts a member and joins the cluster through the seed nodes; creates the journal's tables if
     * missing.
     *
     * @throws JournalUnavailableException when the journal cannot be used
     */
    public static SlotflowNode start(NodeSettings settings, SessionRunner runner) {
        org.slf4j.LoggerFactory.getILoggerFactory();
        try {
            OwnerOnly.createDirectories(settings.engine().stateDirectory());
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot create the state directory "
                    + settings.engine().stateDirectory() + ": " + JournalUnavailableException.rootMessage(e), e);
        }
        JournalFiles.restrict(settings.engine().journal());
        ActorSystem<SpawnProtocol.Command> system =
                ActorSystem.create(SpawnProtocol.create(), "slotflow", ClusterConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings.engine().journal(), SCHEMA_TIMEOUT);
            new CoordinatorLease(settings.engine().journal()).install();
        } catch (RuntimeException e) {
            ActorSystems.terminate(system);
            throw e;
        }
        try {
            return new SlotflowNode(settings, system, runner);
        } catch (RuntimeException e) {
            ActorSystems.terminate(system); // its session host's lease could not be taken
            throw e;
        }
    }

    /** This member's address, {@code pekko://slotflow@host:port}. */
    public String address() {
        return Cluster.get(system).selfMember().address().toString();
    }

    /** Waits until this member is Up in the cluster. */
    public void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Cluster.get(system).selfMember().status() != org.apache.pekko.cluster.MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("this member did not join the cluster within " + timeout
                        + " (seed nodes " + settings.seedNodes() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Completes when this member has stopped: closed, or removed from the cluster (downed). */
    public java.util.concurrent.CompletionStage<Void> whenStopped() {
        return system.getWhenTerminated().thenApply(done -> null);
    }

    /** Reads the cluster's journal. */
    public JournalReader journal() {
        return reader;
    }

    /**
     * Submits a plan to the cluster (or resumes the run of that id) and follows it from the journal.
     *
     * @throws PlanMismatchException when the run id names a run of another plan
     * @throws io.slotflow.engine.WorkspaceRefusedException when the plan works in a git workspace
     */
    public RunHandle submit(Plan plan, RunOptions options) {
        io.slotflow.engine.git.RepositoryCheck.refuseInCluster(plan);
        String runId = options.runId();
        RunState before = RunState.fold(ActorSystems.pastEvents(reader, runId));
        if (before.accepted().filter(accepted -> !accepted.startedFrom(PlanDigest.of(plan))).isPresent()) {
            throw new PlanMismatchException(runId);
        }
        LocalRunHandle handle = new LocalRunHandle(runId, List.of(), () -> reader.events(runId));
        handle.attachRemote((reason, cancelRunning) -> coordinator.tell(
                new RunsCoordinator.Interrupt(runId, reason, cancelRunning)));
        RunsCoordinator.Submitted submitted;
        try {
            submitted = AskPattern.<RunsCoordinator.Command, RunsCoordinator.Submitted>ask(coordinator,
                    replyTo -> new RunsCoordinator.Submit(runId, plan,
                            options.planDirectory().toAbsolutePath().toString(), replyTo),
                    ASK_TIMEOUT, system.scheduler()).toCompletableFuture().get(ASK_TIMEOUT.toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the cluster did not accept run " + runId + " within " + ASK_TIMEOUT
                    + ": is a worker member up?", e);
        }
        if (!submitted.refusal().isEmpty()) {
            throw new IllegalStateException("the cluster refused run " + runId + ": " + submitted.refusal());
        }
        handle.begun(before.accepted().isPresent());
        JournalReader.Subscription follow = reader.follow(runId, event -> {
            handle.persisted(List.of(event));
            if (event instanceof RunCompleted) {
                handle.completed();
            } else if (event instanceof RunInterrupted) {
                handle.interrupted();
            }
        });
        handle.result().whenComplete((r, e) -> follow.cancel());
        return handle;
    }

    /** Leaves the cluster (handing over singletons and shards) and stops; its sessions are killed. */
    @Override
    public void close() {
        ActorSystems.terminate(system);
        if (keeper != null) {
            keeper.close(); // after the sessions are stopped: the lease is given back, and they can run elsewhere at once
        }
    }

}
