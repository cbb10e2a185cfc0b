package io.slotflow.engine.internal;

import io.slotflow.core.SessionKey;
import io.slotflow.graph.NodeDef;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hosts running sessions, apart from the slot managers: one per engine (one per cluster member),
 * for every run. A slot manager that restarts (after a journal failure, or on another member)
 * neither kills the sessions nor loses their results: each result is passed on until the slot
 * manager acknowledges that it persisted it.
 *
 * <p>On a cluster a host runs sessions only while its lease holds ({@link HostContext.HostLease}):
 * once it does not, it starts nothing and reports nothing — another member may have taken its
 * sessions over — and when told {@link Fenced} it stops every session it still runs.
 */
public final class SessionHost extends AbstractBehavior<SessionHost.Command> {

    /** What the session host accepts. */
    public interface Command extends ClusterMessage {
    }

    /** Start a session for this node and attempt of a run (idempotent). */
    public record StartSession(String runId, NodeDef node, int attempt, WorkClass workClass, String planDirectory,
            java.util.Optional<io.slotflow.engine.git.GitTarget> workspace,
            java.util.Optional<io.slotflow.core.PreviousAttempt> previous) implements Command {
        public StartSession {
            workspace = workspace == null ? java.util.Optional.empty() : workspace;
            previous = previous == null ? java.util.Optional.empty() : previous;
        }

        /** A session in the plan's directories, the first of its node. */
        public StartSession(String runId, NodeDef node, int attempt, WorkClass workClass, String planDirectory) {
            this(runId, node, attempt, workClass, planDirectory, java.util.Optional.empty(), java.util.Optional.empty());
        }
    }

    /** The slot manager persisted this session's end. */
    public record Ack(String runId, String node, int attempt) implements Command {
    }

    /** A run's slot manager (re)starts: answer with what runs and what ended unacknowledged. */
    public record ListSessions(String runId) implements Command {
    }

    /** Asks who this host is and how many slots it has. */
    public record Describe(ActorRef<HostInfo> replyTo) implements Command {
    }

    /** The answer to {@link Describe}; {@code incarnation} names this start of the member. */
    public record HostInfo(String hostId, int slots, ActorRef<Command> host, long incarnation) implements ClusterMessage {
    }

    /** The host's lease ran out: stop every session, of every run, and report none of them. */
    public enum Fenced implements Command { INSTANCE }

    /** Cancel every running session of a run (an interrupt). */
    public record CancelAll(String runId) implements Command {
    }

    /** Cancel one session of a run (an operator cancelled its node); nothing if it no longer runs. */
    public record CancelOne(String runId, SessionKey session) implements Command {
    }

    /** One session of one run, as this host keys it. */
    public record Hosted(String runId, SessionKey session) {
    }

    record Started(String runId, Hosted key, SlotManager.SessionRunning report) implements Command {
    }

    record Drifted(String runId, SlotManager.SessionDrifted report) implements Command {
    }

    record Queued(String runId, SlotManager.BranchQueued report) implements Command {
    }

    record Ended(String runId, Hosted key, SlotManager.SessionEnded report) implements Command {
    }

    private enum Resend implements Command { INSTANCE }

    private static final Duration RESEND_EVERY = Duration.ofSeconds(3);

    private final HostContext host;
    private final TimerScheduler<Command> timers;
    private final Map<Hosted, ActorRef<SessionActor.Command>> running = new HashMap<>();
    private final Map<Hosted, Ended> unacknowledged = new LinkedHashMap<>();
    private long spawned;

    public static Behavior<Command> create(HostContext host) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SessionHost(host, context, timers)));
    }

    private SessionHost(HostContext host, ActorContext<Command> context, TimerScheduler<Command> timers) {
        super(context);
        this.host = host;
        this.timers = timers;
    }

    static Hosted key(String runId, String node, int attempt) {
        return new Hosted(runId, new SessionKey(node, attempt));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartSession.class, this::onStart)
                .onMessage(Started.class, this::onStarted)
                .onMessage(Drifted.class, d -> {
                    deliver(d.runId(), d.report());
                    return this;
                })
                .onMessage(Queued.class, q -> {
                    // not resent: a report lost to a restarting slot manager keeps the slot taken until the end
                    deliver(q.runId(), q.report());
                    return this;
                })
                .onMessage(Ended.class, this::onEnded)
                .onMessage(Ack.class, this::onAck)
                .onMessage(ListSessions.class, this::onList)
                .onMessage(CancelAll.class, this::onCancelAll)
                .onMessage(CancelOne.class, c -> {
                    ActorRef<SessionActor.Command> session = running.get(new Hosted(c.runId(), c.session()));
                    if (session != null) {
                        session.tell(SessionActor.Cancel.INSTANCE);
                    }
                    return this;
                })
                .onMessage(Describe.class, d -> {
                    d.replyTo().tell(new HostInfo(host.hostId(), host.slots(), getContext().getSelf(),
                            host.lease().incarnation()));
                    return this;
                })
                .onMessageEquals(Fenced.INSTANCE, this::onFenced)
                .onMessageEquals(Resend.INSTANCE, this::onResend)
                .build();
    }

    private Behavior<Command> onStart(StartSession start) {
        Hosted key = key(start.runId(), start.node().id(), start.attempt());
        if (host.lease().holds() && !running.containsKey(key) && !unacknowledged.containsKey(key)) {
            running.put(key, getContext().spawn(SessionActor.create(host, start, key, getContext().getSelf()),
                    "session-" + (++spawned)));
        }
        return this;
    }

    private Behavior<Command> onStarted(Started started) {
        deliver(started.runId(), started.report());
        return this;
    }

    /** A report reaches the slot manager only while the lease holds: a fenced host's sessions are another's now. */
    private void deliver(String runId, SlotManager.Command report) {
        if (host.lease().holds()) {
            host.sink().deliver(runId, report);
        }
    }

    private Behavior<Command> onFenced() {
        running.values().forEach(session -> session.tell(SessionActor.Cancel.INSTANCE));
        unacknowledged.clear();
        timers.cancel(Resend.INSTANCE);
        return this;
    }

    private Behavior<Command> onEnded(Ended ended) {
        running.remove(ended.key());
        if (!host.lease().holds()) {
            return this; // fenced: its outcome is not this host's to report
        }
        unacknowledged.put(ended.key(), ended);
        deliver(ended.runId(), ended.report());
        timers.startTimerWithFixedDelay(Resend.INSTANCE, RESEND_EVERY);
        return this;
    }

    private Behavior<Command> onAck(Ack ack) {
        unacknowledged.remove(key(ack.runId(), ack.node(), ack.attempt()));
        if (unacknowledged.isEmpty()) {
            timers.cancel(Resend.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onResend() {
        unacknowledged.values().forEach(e -> deliver(e.runId(), e.report()));
        return this;
    }

    private Behavior<Command> onList(ListSessions list) {
        Set<SessionKey> runs = new java.util.HashSet<>();
        running.keySet().stream().filter(k -> k.runId().equals(list.runId())).forEach(k -> runs.add(k.session()));
        List<SlotManager.SessionEnded> ended = unacknowledged.values().stream()
                .filter(e -> e.runId().equals(list.runId())).map(Ended::report).toList();
        deliver(list.runId(), new SlotManager.LiveSessions(host.hostId(), runs, ended));
        return this;
    }

    private Behavior<Command> onCancelAll(CancelAll cancel) {
        running.forEach((key, session) -> {
            if (key.runId().equals(cancel.runId())) {
                session.tell(SessionActor.Cancel.INSTANCE);
            }
        });
        return this;
    }
}
