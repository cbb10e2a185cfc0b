package io.slotflow.engine.cluster;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.internal.ClusterMessage;
import io.slotflow.engine.internal.JournalHealth;
import io.slotflow.engine.internal.ReviewInjector;
import io.slotflow.engine.internal.RunContext;
import io.slotflow.engine.internal.RunListener;
import io.slotflow.engine.internal.RunLog;
import io.slotflow.engine.internal.RunSupervisor;
import io.slotflow.engine.internal.SessionHost;
import io.slotflow.engine.internal.SlotManager;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.CoordinatorLease;
import io.slotflow.persistence.HostLeases;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The cluster singleton that runs the runs: it admits submitted runs (persisted, so that it knows
 * them again after a handover), runs each run's slot manager and review injector as its children,
 * and knows the members' session hosts through the receptionist. When the member it lives on dies,
 * it starts again on another member, recovers its runs, and their slot managers and injectors
 * recover from the journal; spec actors live under sharding and are woken by each slot manager.
 *
 * <p>A host that left (or that a resume did not hear from) may still be running sessions: a frozen
 * or cut-off member does not know it was removed. Its sessions are recorded lost, and run again
 * elsewhere, only once the database says its lease has run out ({@link HostLeases#fenced}): by then
 * the host has stopped them itself, and can never renew. Reports from a host that is not live are
 * dropped.
 */
public final class RunsCoordinator extends EventSourcedBehavior<RunsCoordinator.Command, RunsCoordinator.Event,
        RunsCoordinator.Runs> {

    /** Every member's session host registers under this key. */
    public static final ServiceKey<SessionHost.Command> HOSTS = ServiceKey.create(SessionHost.Command.class, "session-host");

    /** How long a new coordinator waits for every worker's session host before starting runs anyway. */
    static final Duration HOSTS_GRACE = Duration.ofSeconds(10);

    /** What the coordinator accepts. */
    public interface Command extends ClusterMessage {
    }

    /** Run a plan (idempotent by run id); the answer says whether it was admitted. */
    public record Submit(String runId, Plan plan, String planDirectory, ActorRef<Submitted> replyTo)
            implements Command {
    }

    /** The answer to {@link Submit}: {@code refusal} is empty when the run was admitted. */
    public record Submitted(String runId, String refusal) implements ClusterMessage {
    }

    /** For a run's slot manager (from spec actors, the injector and session hosts on any member). */
    public record ToSlotManager(String runId, SlotManager.Command command) implements Command {
    }

    /** For a run's review injector. */
    public record ToInjector(String runId, ReviewInjector.Command command) implements Command {
    }

    /** A spec actor starting on some member asks for its run's plan. */
    public record GetRun(String runId, ActorRef<RunInfo> replyTo) implements Command {
    }

    /** The answer to {@link GetRun}; {@code plan} is null for a run the coordinator does not know. */
    public record RunInfo(String runId, Plan plan, String planDirectory) implements ClusterMessage {
    }

    /** Stop a run's dispatching; cancel its sessions, or let them finish. */
    public record Interrupt(String runId, String reason, boolean cancelRunning) implements Command {
    }

    private record RunEnded(String runId, String how) implements Command {
    }

    private record HostsListed(Set<ActorRef<SessionHost.Command>> hosts) implements Command {
    }

    private record HostDescribed(SessionHost.HostInfo info) implements Command {
    }

    private enum HostsGraceOver implements Command { INSTANCE }

    /** Sessions recorded on these hosts may still run there: fence them, then tell the slot managers. */
    record FenceHosts(Set<String> hosts) implements Command {
    }

    private record CheckFence(String host) implements Command {
    }

    private record FenceChecked(String host, boolean fenced) implements Command {
    }

    /** How often the lease of a host being fenced is looked at. */
    private static final Duration FENCE_POLL = Duration.ofSeconds(1);

    /** What the coordinator persists. */
    public interface Event extends ClusterMessage {
    }

    /** A run was submitted and admitted. */
    public record Admitted(String runId, Plan plan, String planDirectory) implements Event {
    }

    /** A run completed, was interrupted or could not go on: the coordinator no longer runs it. */
    public record Ended(String runId, String how) implements Event {
    }

    /** The runs being run, by id. */
    public static final class Runs {
        final Map<String, Admitted> active = new LinkedHashMap<>();
    }

    private record RunActors(ActorRef<SlotManager.Command> slotManager, ActorRef<ReviewInjector.Command> injector) {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final EngineSettings settings;
    private final ClusterSharding sharding;
    private final ClusterHosts hosts;
    private final HostLeases hostLeases;
    private final Set<String> fencing = new HashSet<>();
    private final Map<String, RunActors> running = new HashMap<>();
    private final Set<ActorRef<SessionHost.Command>> listed = new HashSet<>();
    private boolean hostsKnown;

    public static Behavior<Command> create(EngineSettings settings) {
        return Behaviors.setup(context -> {
            takeTheFence(context, settings);
            return Behaviors.withTimers(timers -> new RunsCoordinator(context, timers, settings));
        });
    }

    /** How long a starting coordinator tries to take the fence before it gives up (and the singleton stops). */
    private static final Duration FENCE_TAKING = Duration.ofSeconds(30);

    /**
     * Before its first write, a coordinator makes the journal refuse the coordinator's writes from
     * every other member ({@link CoordinatorLease}): a frozen former coordinator writes nothing after it.
     */
    private static void takeTheFence(ActorContext<Command> context, EngineSettings settings) throws InterruptedException {
        CoordinatorLease fence = new CoordinatorLease(settings.journal());
        if (!fence.fences()) {
            return;
        }
        long giveUp = System.nanoTime() + FENCE_TAKING.toNanos();
        while (true) {
            try {
                long epoch = fence.take(ClusterConfig.member(context.getSystem()));
                context.getLog().info("coordinator epoch {}: the journal takes the coordinator's writes from this "
                        + "member only", epoch);
                return;
            } catch (io.slotflow.persistence.JournalUnavailableException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private RunsCoordinator(ActorContext<Command> context, TimerScheduler<Command> timers, EngineSettings settings) {
        super(PersistenceId.ofUniqueId("RunsCoordinator"),
                org.apache.pekko.actor.typed.SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200),
                        Duration.ofSeconds(5), 0.2).withMaxRestarts(settings.journalRetries())
                        .withLogLevel(org.slf4j.event.Level.WARN));
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.sharding = ClusterSharding.get(context.getSystem());
        this.hosts = new ClusterHosts(hostIds -> context.getSelf().tell(new FenceHosts(hostIds)));
        this.hostLeases = HostLeases.of(settings.journal());
    }

    @Override
    public Runs emptyState() {
        return new Runs();
    }

    @Override
    public SignalHandler<Runs> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), runs -> {
                    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                            listing -> new HostsListed(listing.getServiceInstances(HOSTS)));
                    context.getSystem().receptionist().tell(Receptionist.subscribe(HOSTS, listings));
                    timers.startSingleTimer(HostsGraceOver.INSTANCE, HOSTS_GRACE);
                })
                .onSignal(Terminated.class, (runs, terminated) -> {
                    // a slot manager or injector stops on its own only when its journal stayed unusable
                    running.entrySet().removeIf(e -> e.getValue().slotManager().equals(terminated.getRef())
                            || e.getValue().injector().equals(terminated.getRef()));
                })
                .build();
    }

    @Override
    public EventHandler<Runs, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Admitted.class, (runs, admitted) -> {
                    runs.active.put(admitted.runId(), admitted);
                    return runs;
                })
                .onEvent(Ended.class, (runs, ended) -> {
                    runs.active.remove(ended.runId());
                    return runs;
                })
                .build();
    }

    @Override
    public CommandHandler<Command, Event, Runs> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Submit.class, this::onSubmit)
                .onCommand(ToSlotManager.class, (runs, m) -> {
                    RunActors actors = running.get(m.runId());
                    if (actors != null && fromLiveHost(m.command())) {
                        actors.slotManager().tell(m.command());
                    }
                    return Effect().none();
                })
                .onCommand(ToInjector.class, (runs, m) -> {
                    RunActors actors = running.get(m.runId());
                    if (actors != null) {
                        actors.injector().tell(m.command());
                    }
                    return Effect().none();
                })
                .onCommand(GetRun.class, (runs, get) -> {
                    Admitted admitted = runs.active.get(get.runId());
                    get.replyTo().tell(admitted == null ? new RunInfo(get.runId(), null, null)
                            : new RunInfo(get.runId(), admitted.plan(), admitted.planDirectory()));
                    return Effect().none();
                })
                .onCommand(Interrupt.class, (runs, m) -> {
                    RunActors actors = running.get(m.runId());
                    if (actors != null) {
                        actors.slotManager().tell(new SlotManager.Interrupt(m.reason(), m.cancelRunning()));
                    }
                    return Effect().none();
                })
                .onCommand(RunEnded.class, this::onRunEnded)
                .onCommand(HostsListed.class, this::onHostsListed)
                .onCommand(HostDescribed.class, this::onHostDescribed)
                .onCommand(HostsGraceOver.class, (runs, c) -> hostsKnown(runs))
                .onCommand(FenceHosts.class, (runs, f) -> {
                    f.hosts().forEach(this::fence);
                    return Effect().none();
                })
                .onCommand(CheckFence.class, this::onCheckFence)
                .onCommand(FenceChecked.class, this::onFenceChecked)
                .build();
    }

    private Effect<Event, Runs> onSubmit(Runs runs, Submit submit) {
        if (runs.active.containsKey(submit.runId())) {
            submit.replyTo().tell(new Submitted(submit.runId(), ""));
            return Effect().none();
        }
        Admitted admitted = new Admitted(submit.runId(), submit.plan(), submit.planDirectory());
        return Effect().persist(admitted).thenRun(state -> {
            if (hostsKnown) {
                start(admitted);
            }
            submit.replyTo().tell(new Submitted(submit.runId(), ""));
        });
    }

    private Effect<Event, Runs> onRunEnded(Runs runs, RunEnded ended) {
        if (!runs.active.containsKey(ended.runId())) {
            return Effect().none();
        }
        return Effect().persist(new Ended(ended.runId(), ended.how())).thenRun(state -> {
            RunActors actors = running.remove(ended.runId());
            if (actors != null) {
                context.stop(actors.slotManager());
                context.stop(actors.injector());
            }
        });
    }

    // ---- session hosts -----------------------------------------------------------------------

    private Effect<Event, Runs> onHostsListed(Runs runs, HostsListed listing) {
        ActorRef<SessionHost.HostInfo> described = context.messageAdapter(SessionHost.HostInfo.class, HostDescribed::new);
        for (ActorRef<SessionHost.Command> host : listing.hosts()) {
            if (listed.add(host)) {
                host.tell(new SessionHost.Describe(described));
            }
        }
        Set<String> gone = new HashSet<>();
        for (SessionHost.HostInfo info : hosts.all().values()) {
            if (!listing.hosts().contains(info.host())) {
                gone.add(info.hostId());
                hosts.remove(info.hostId());
                listed.remove(info.host());
            }
        }
        if (!gone.isEmpty()) {
            context.getLog().info("session hosts left: {}; their sessions are lost once their leases have run out", gone);
            gone.forEach(this::fence);
        }
        return Effect().none();
    }

    /** A session's report counts only from a host that is live: a fenced host's sessions are run elsewhere. */
    private boolean fromLiveHost(SlotManager.Command command) {
        Optional<String> from = command instanceof SlotManager.SessionRunning s ? Optional.of(s.hostId())
                : command instanceof SlotManager.SessionEnded e ? Optional.of(e.hostId())
                : command instanceof SlotManager.LiveSessions l ? Optional.of(l.hostId()) : Optional.empty();
        return from.map(hosts.all()::containsKey).orElse(true);
    }

    // ---- fencing -------------------------------------------------------------------------------

    private void fence(String host) {
        if (fencing.add(host)) {
            context.getSelf().tell(new CheckFence(host));
        }
    }

    /** Asks the database, off the actor's thread, whether the host's lease has run out. */
    private Effect<Event, Runs> onCheckFence(Runs runs, CheckFence check) {
        Set<Long> live = new HashSet<>();
        hosts.all().values().forEach(info -> live.add(info.incarnation()));
        java.util.concurrent.Executor blocking = context.getSystem().dispatchers()
                .lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking());
        context.pipeToSelf(java.util.concurrent.CompletableFuture.supplyAsync(
                () -> hostLeases.fenced(check.host(), live), blocking),
                (fenced, failure) -> new FenceChecked(check.host(), failure == null && fenced));
        return Effect().none();
    }

    private Effect<Event, Runs> onFenceChecked(Runs runs, FenceChecked checked) {
        if (!checked.fenced()) {
            timers.startSingleTimer(new CheckFence(checked.host()), new CheckFence(checked.host()), FENCE_POLL);
            return Effect().none();
        }
        fencing.remove(checked.host());
        context.getLog().info("session host {} is fenced: its sessions are lost and run again", checked.host());
        Set<String> gone = Set.of(checked.host());
        running.values().forEach(actors -> actors.slotManager().tell(new SlotManager.HostsGone(gone)));
        return Effect().none();
    }

    private Effect<Event, Runs> onHostDescribed(Runs runs, HostDescribed described) {
        if (listed.contains(described.info().host())) {
            hosts.put(described.info());
        }
        if (!hostsKnown && everyWorkerDescribed()) {
            return hostsKnown(runs);
        }
        return Effect().none();
    }

    private boolean everyWorkerDescribed() {
        Set<String> described = hosts.all().keySet();
        for (org.apache.pekko.cluster.Member member : Cluster.get(context.getSystem()).state().getMembers()) {
            if (member.status() == MemberStatus.up() && member.hasRole(ClusterConfig.WORKER)
                    && !described.contains(member.address().toString())) {
                return false;
            }
        }
        return true;
    }

    /** Every worker's host answered (or the grace is over): start the runs recovered. */
    private Effect<Event, Runs> hostsKnown(Runs runs) {
        if (!hostsKnown) {
            hostsKnown = true;
            timers.cancel(HostsGraceOver.INSTANCE);
            runs.active.values().forEach(this::start);
        }
        return Effect().none();
    }

    // ---- runs ----------------------------------------------------------------------------------

    private void start(Admitted admitted) {
        String runId = admitted.runId();
        if (running.containsKey(runId)) {
            return;
        }
        PlanGraph graph = PlanGraph.of(admitted.plan());
        ActorRef<Command> self = context.getSelf();
        ClusterRunDirectory directory = ClusterRunDirectory.forCoordinator(runId, graph.specIds(), sharding,
                command -> self.tell(new ToSlotManager(runId, command)),
                command -> self.tell(new ToInjector(runId, command)), hosts);
        RunContext run = new RunContext(runId, graph, PlanDigest.of(admitted.plan()), Path.of(admitted.planDirectory()),
                // a write that goes through after journal failures is reported once, as the recovery
                settings.clock(), RunLog.listening(runId, JournalHealth.get(context.getSystem()).watching(RunListener.NONE)),
                directory, settings.settleTimeout(),
                RunLog.supervising(runId, supervisor(runId, self)),
                settings.journalRetries());
        String name = runId.replaceAll("[^A-Za-z0-9_-]", "_");
        MailboxSelector priority = MailboxSelector.fromConfig("slotflow.slot-manager-mailbox");
        ActorRef<SlotManager.Command> slotManager = context.spawn(run.startedAfresh(SlotManager.create(run), priority),
                "slot-manager-" + name, priority);
        ActorRef<ReviewInjector.Command> injector = context.spawn(run.startedAfresh(ReviewInjector.create(run)),
                "review-injector-" + name);
        context.watch(slotManager);
        context.watch(injector);
        running.put(runId, new RunActors(slotManager, injector));
        context.getLog().info("running {} ({} specs) on {} session hosts", runId, graph.specIds().size(),
                hosts.all().size());
    }

    /** The run's milestones, heard from its slot manager (on its thread): an end ends the run here. */
    private static RunSupervisor supervisor(String runId, ActorRef<Command> coordinator) {
        return new RunSupervisor() {
            @Override
            public void begun(boolean resumed) {
            }

            @Override
            public void completed() {
                coordinator.tell(new RunEnded(runId, "completed"));
            }

            @Override
            public void interrupted() {
                coordinator.tell(new RunEnded(runId, "interrupted"));
            }

            @Override
            public void failed(String reason) {
                coordinator.tell(new RunEnded(runId, "failed: " + reason));
            }
        };
    }
}
