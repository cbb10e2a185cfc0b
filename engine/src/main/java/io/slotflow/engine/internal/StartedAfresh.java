package io.slotflow.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs a persistent actor as its only child and, when the child stops after a journal failure,
 * starts a new one after a backoff (0.2 s doubling to 5 s): a new instance with a new empty state,
 * recovered from the journal alone. Messages sent meanwhile wait here, in order. After
 * {@code retries} failures in a row (a child that ran for a minute resets the count) it stops too,
 * and its parent ends the run.
 *
 * <p>Why not {@code EventSourcedBehavior}'s own {@code onPersistFailure} restart: it keeps the
 * instance, and recovers on the very object {@code emptyState()} returned the first time.
 * Slotflow's states are folded in place, and the events of the failed write had already been
 * applied to that object — so the restarted actor recovered on top of events the journal never
 * got, and acted on them: a spec actor announced a group whose NodeReady was lost, the slot manager
 * dispatched it, and the journal was left with a dispatch of a node ready for nothing.
 */
public final class StartedAfresh<T> {

    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private enum Restart { INSTANCE }

    private final ActorContext<Object> context;
    private final TimerScheduler<Object> timers;
    private final Behavior<T> actor;
    private final Props props;
    private final int retries;
    private final List<T> waiting = new ArrayList<>();
    private ActorRef<T> child;
    private Instant childStarted;
    private int failuresInARow;
    private int incarnation;

    private StartedAfresh(ActorContext<Object> context, TimerScheduler<Object> timers, Behavior<T> actor, Props props,
            int retries) {
        this.context = context;
        this.timers = timers;
        this.actor = actor;
        this.props = props;
        this.retries = retries;
    }

    /**
     * @param actor the persistent actor, without a restart strategy of its own
     * @param props the child's props (its mailbox)
     * @param retries failures in a row before giving up
     */
    @SuppressWarnings("unchecked")
    public static <T> Behavior<T> of(Behavior<T> actor, Props props, int retries) {
        Behavior<Object> supervisor = Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new StartedAfresh<>(context, timers, actor, props, retries).start()));
        return (Behavior<T>) (Behavior<?>) supervisor;
    }

    private Behavior<Object> start() {
        spawn();
        return Behaviors.receive(Object.class)
                .onSignal(Terminated.class, this::onChildStopped)
                .onMessageEquals(Restart.INSTANCE, this::onRestart)
                .onAnyMessage(this::onMessage)
                .build();
    }

    private void spawn() {
        incarnation++;
        child = context.spawn(actor, "incarnation-" + incarnation, props);
        context.watch(child);
        childStarted = Instant.now();
        waiting.forEach(child::tell);
        waiting.clear();
    }

    @SuppressWarnings("unchecked")
    private Behavior<Object> onMessage(Object message) {
        if (child != null) {
            child.tell((T) message);
        } else {
            waiting.add((T) message);
        }
        return Behaviors.same();
    }

    private Behavior<Object> onChildStopped(Terminated stopped) {
        if (!stopped.getRef().equals(child)) {
            return Behaviors.same();
        }
        child = null;
        JournalHealth.get(context.getSystem()).writeFailed();
        failuresInARow = Duration.between(childStarted, Instant.now()).compareTo(STABLE) > 0 ? 1 : failuresInARow + 1;
        if (failuresInARow > retries) {
            return Behaviors.stopped();
        }
        timers.startSingleTimer(Restart.INSTANCE, backoff(failuresInARow));
        return Behaviors.same();
    }

    private Behavior<Object> onRestart() {
        spawn();
        return Behaviors.same();
    }

    private static Duration backoff(int failures) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(failures - 1, 10));
        return Duration.ofMillis((long) (millis * (1 + 0.2 * ThreadLocalRandom.current().nextDouble())));
    }
}
