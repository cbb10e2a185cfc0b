package io.slotflow.engine.internal;

import io.slotflow.graph.NodeDef;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hosts the running sessions of a run, apart from the slot manager: a slot manager that restarts
 * (after a journal failure, say) neither kills its sessions nor loses their results. Each result
 * is passed on until the slot manager acknowledges that it persisted it.
 */
public final class SessionHost extends AbstractBehavior<SessionHost.Command> {

    /** What the session host accepts. */
    public interface Command {
    }

    /** Start a session for this node and attempt (idempotent). */
    public record StartSession(NodeDef node, int attempt) implements Command {
    }

    /** The slot manager persisted this session's end. */
    public record Ack(String node, int attempt) implements Command {
    }

    /** The slot manager (re)starts: answer with what runs and what ended unacknowledged. */
    public record ListSessions() implements Command {
    }

    /** Cancel every running session (an interrupt). */
    public record CancelAll() implements Command {
    }

    record Started(String key, SlotManager.SessionStarted report) implements Command {
    }

    record Ended(String key, SlotManager.SessionEnded report) implements Command {
    }

    private enum Resend implements Command { INSTANCE }

    private static final Duration RESEND_EVERY = Duration.ofSeconds(3);

    private final RunContext run;
    private final TimerScheduler<Command> timers;
    private final Map<String, ActorRef<SessionActor.Command>> running = new HashMap<>();
    private final Map<String, SlotManager.SessionEnded> unacknowledged = new LinkedHashMap<>();
    private long spawned;

    public static Behavior<Command> create(RunContext run) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SessionHost(run, context, timers)));
    }

    private SessionHost(RunContext run, ActorContext<Command> context, TimerScheduler<Command> timers) {
        super(context);
        this.run = run;
        this.timers = timers;
    }

    static String key(String node, int attempt) {
        return node + "#" + attempt;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartSession.class, this::onStart)
                .onMessage(Started.class, this::onStarted)
                .onMessage(Ended.class, this::onEnded)
                .onMessage(Ack.class, this::onAck)
                .onMessage(ListSessions.class, this::onList)
                .onMessage(CancelAll.class, this::onCancelAll)
                .onMessageEquals(Resend.INSTANCE, this::onResend)
                .build();
    }

    private Behavior<Command> onStart(StartSession start) {
        String key = key(start.node().id(), start.attempt());
        if (!running.containsKey(key) && !unacknowledged.containsKey(key)) {
            running.put(key, getContext().spawn(
                    SessionActor.create(run, start.node(), start.attempt(), getContext().getSelf()),
                    "session-" + (++spawned)));
        }
        return this;
    }

    private Behavior<Command> onStarted(Started started) {
        run.directory().slotManager(started.report());
        return this;
    }

    private Behavior<Command> onEnded(Ended ended) {
        running.remove(ended.key());
        unacknowledged.put(ended.key(), ended.report());
        run.directory().slotManager(ended.report());
        timers.startTimerWithFixedDelay(Resend.INSTANCE, RESEND_EVERY);
        return this;
    }

    private Behavior<Command> onAck(Ack ack) {
        unacknowledged.remove(key(ack.node(), ack.attempt()));
        if (unacknowledged.isEmpty()) {
            timers.cancel(Resend.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onResend() {
        unacknowledged.values().forEach(run.directory()::slotManager);
        return this;
    }

    private Behavior<Command> onList(ListSessions list) {
        run.directory().slotManager(new SlotManager.LiveSessions(running.keySet(), List.copyOf(unacknowledged.values())));
        return this;
    }

    private Behavior<Command> onCancelAll(CancelAll cancel) {
        running.values().forEach(session -> session.tell(SessionActor.Cancel.INSTANCE));
        return this;
    }
}
