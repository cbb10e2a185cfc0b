package io.slotflow.engine.internal;

import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionRequest;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.plan.WorkClass;
import io.slotflow.plan.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One running session: starts it through the {@link io.slotflow.engine.runner.SessionRunner}, owns
 * its timeout and heartbeat timers, kills it on either (or on cancel), and reports exactly one
 * {@link SlotManager.SessionEnded} to its host, then stops. Not persistent: a session that was
 * running when the engine died is recorded LOST by the slot manager.
 */
public final class SessionActor {

    /** What a session actor accepts. */
    public interface Command {
    }

    /** Stop the session: it ends CANCELLED. */
    public enum Cancel implements Command { INSTANCE }

    private record Finished(SessionResult result) implements Command {
    }

    private record Drifted(io.slotflow.workspace.Drift drift) implements Command {
    }

    private record Queued(io.slotflow.engine.runner.SessionRequest.QueuedBranch branch) implements Command {
    }

    private enum TimedOut implements Command { INSTANCE }

    private enum MergeTimedOut implements Command { INSTANCE }

    private enum HeartbeatCheck implements Command { INSTANCE }

    private enum KillOverdue implements Command { INSTANCE }

    /** The logger of session timeouts and kills, for logging configurations. */
    public static final String LOGGER = "io.slotflow.session";

    /** Heartbeats are checked this many times per heartbeat timeout (and at least once a second). */
    private static final int CHECKS_PER_HEARTBEAT = 10;
    /**
     * How long after the grace a killed session may take to be gone before the log says it is not.
     * It is not reported ended until it is gone: its slot stays taken while anything of it lives.
     */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private final HostContext hostContext;
    private final String runId;
    private final NodeDef node;
    private final int attempt;
    private final SessionHost.Hosted key;
    private final String planDirectory;
    private final java.util.Optional<io.slotflow.engine.git.GitTarget> workspace;
    private final ActorRef<SessionHost.Command> host;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final WorkClass workClass;
    private final java.util.Optional<io.slotflow.core.PreviousAttempt> previous;
    private final AtomicBoolean outputSeen = new AtomicBoolean();
    private Duration silentFor = Duration.ZERO;
    private SessionHandle handle;
    private SessionOutcome decided;
    private String decidedDetail = "";

    public static Behavior<Command> create(HostContext hostContext, SessionHost.StartSession start, SessionHost.Hosted key,
            ActorRef<SessionHost.Command> host) {
        // every line this actor logs names its run, node and attempt (SLF4J MDC)
        return Behaviors.withMdc(Command.class, java.util.Map.of("run", start.runId(), "node", start.node().id(),
                "attempt", Integer.toString(start.attempt())), Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new SessionActor(hostContext, start, key, host, context, timers).start())));
    }

    private SessionActor(HostContext hostContext, SessionHost.StartSession start, SessionHost.Hosted key,
            ActorRef<SessionHost.Command> host, ActorContext<Command> context, TimerScheduler<Command> timers) {
        this.hostContext = hostContext;
        this.runId = start.runId();
        this.node = start.node();
        this.attempt = start.attempt();
        this.key = key;
        this.planDirectory = start.planDirectory();
        this.workspace = start.workspace();
        this.host = host;
        this.context = context;
        this.timers = timers;
        this.workClass = start.workClass();
        this.previous = start.previous();
        context.setLoggerName(LOGGER);
    }

    private Behavior<Command> start() {
        SessionRequest request = new SessionRequest(runId, node, attempt, node.workClass(),
                java.nio.file.Path.of(planDirectory), hostContext.logDirectory(runId),
                SessionRequest.environmentFor(runId, node, attempt, previous, hostContext.logDirectory(runId)),
                heartbeat(), workspace, drift -> context.getSelf().tell(new Drifted(drift)),
                queued -> context.getSelf().tell(new Queued(queued)));
        try {
            handle = hostContext.runner().start(request);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            context.getLog().warn("session could not start: {}", why);
            return report(SessionOutcome.FAILED, null, "could not start: " + why, java.util.Optional.empty());
        }
        host.tell(new SessionHost.Started(runId, key, new SlotManager.SessionRunning(key.session(), handle.pid(),
                hostContext.clock().instant(), hostContext.hostId(), handle.worktree())));
        context.pipeToSelf(handle.result(), (result, failure) -> new Finished(failure == null ? result
                : SessionResult.failed(failure.getMessage() == null ? failure.toString() : failure.getMessage())));
        timers.startSingleTimer(TimedOut.INSTANCE, workClass.timeout());
        if (workClass.heartbeat() != null) {
            timers.startTimerWithFixedDelay(HeartbeatCheck.INSTANCE, checkInterval());
        }
        return Behaviors.receive(Command.class)
                .onMessage(Finished.class, f -> onFinished(f.result()))
                .onMessage(Drifted.class, this::onDrifted)
                .onMessage(Queued.class, this::onQueued)
                .onMessageEquals(MergeTimedOut.INSTANCE, () -> kill(SessionOutcome.TIMED_OUT,
                        "its branch's merge (queue and gate) ran past the timeout of "
                                + Durations.format(workClass.timeout())))
                .onMessageEquals(TimedOut.INSTANCE, () -> kill(SessionOutcome.TIMED_OUT,
                        "ran past its timeout of " + Durations.format(workClass.timeout())))
                .onMessageEquals(HeartbeatCheck.INSTANCE, this::onHeartbeatCheck)
                .onMessageEquals(Cancel.INSTANCE, () -> kill(SessionOutcome.CANCELLED, "cancelled"))
                .onMessageEquals(KillOverdue.INSTANCE, this::onKillOverdue)
                .onSignal(PostStop.class, stop -> {
                    // stopped from outside (the engine shut down): leave nothing running
                    handle.cancel();
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * The runner calls this on every sign of life; it only sets a flag (a chatty session sends no
     * messages), which the periodic {@link HeartbeatCheck} reads.
     */
    private Runnable heartbeat() {
        return () -> outputSeen.set(true);
    }

    private Duration checkInterval() {
        Duration interval = workClass.heartbeat().dividedBy(CHECKS_PER_HEARTBEAT);
        return interval.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : interval;
    }

    private Behavior<Command> onDrifted(Drifted drifted) {
        context.getLog().info("{} moved to {} over {}: the session was told", drifted.drift().target(),
                drifted.drift().tip(), drifted.drift().files());
        host.tell(new SessionHost.Drifted(runId, new SlotManager.SessionDrifted(key.session(), drifted.drift(),
                hostContext.clock().instant())));
        return Behaviors.same();
    }

    /**
     * The session ended and its branch entered the merge queue: its slot goes back to the pool. The
     * session's timers stop; the queue and the gate get the class's timeout afresh, as a time of their own.
     */
    private Behavior<Command> onQueued(Queued queued) {
        if (decided != null) {
            return Behaviors.same(); // being stopped: the merge will not happen, the slot is freed at the end
        }
        timers.cancel(TimedOut.INSTANCE);
        timers.cancel(HeartbeatCheck.INSTANCE);
        timers.startSingleTimer(MergeTimedOut.INSTANCE, workClass.timeout());
        host.tell(new SessionHost.Queued(runId, new SlotManager.BranchQueued(key.session(), queued.branch().branch(),
                queued.branch().commits(), queued.branch().files(), hostContext.clock().instant())));
        return Behaviors.same();
    }

    private Behavior<Command> onHeartbeatCheck() {
        if (outputSeen.getAndSet(false)) {
            silentFor = Duration.ZERO;
            return Behaviors.same();
        }
        silentFor = silentFor.plus(checkInterval());
        if (silentFor.compareTo(workClass.heartbeat()) >= 0) {
            return kill(SessionOutcome.TIMED_OUT, "no output for " + Durations.format(workClass.heartbeat()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> kill(SessionOutcome outcome, String detail) {
        if (decided == null) {
            if (outcome == SessionOutcome.TIMED_OUT) {
                context.getLog().warn("killing the session and its process tree: {}", detail);
            } else {
                context.getLog().info("stopping the session: {}", detail);
            }
            decided = outcome;
            decidedDetail = detail;
            timers.cancel(TimedOut.INSTANCE);
            timers.cancel(HeartbeatCheck.INSTANCE);
            timers.startSingleTimer(KillOverdue.INSTANCE, hostContext.killGrace().plus(KILL_PATIENCE));
            handle.cancel();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onKillOverdue() {
        context.getLog().warn("session {} attempt {} of run {} ({}) is not gone {} after it was stopped; "
                + "its slot stays taken until it is", node.id(), attempt, runId, decidedDetail,
                Durations.format(hostContext.killGrace().plus(KILL_PATIENCE)));
        return Behaviors.same();
    }

    private Behavior<Command> onFinished(SessionResult result) {
        // a merged branch is on the target whatever was decided meanwhile: it must not run again
        if (decided != null && !result.merged()) {
            return report(decided, result.exitCode(), decidedDetail, result.git());
        }
        return report(result.outcome(), result.exitCode(), result.detail(), result.git());
    }

    private Behavior<Command> report(SessionOutcome outcome, Integer exitCode, String detail,
            java.util.Optional<io.slotflow.workspace.GitWork> git) {
        host.tell(new SessionHost.Ended(runId, key, new SlotManager.SessionEnded(key.session(), outcome, exitCode,
                detail, hostContext.clock().instant(), hostContext.hostId(), git)));
        return Behaviors.stopped();
    }
}
