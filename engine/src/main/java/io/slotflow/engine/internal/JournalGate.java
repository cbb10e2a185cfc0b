package io.slotflow.engine.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Back-pressure for the journal: at most {@code slotflow.journal-writers} spec actors of one engine
 * write at once; the others wait their turn, in order. Without it, a plan of thousands of specs
 * starts thousands of writes at the same moment, overflows the JDBC journal's write queue and times
 * out its circuit breaker — and a timed-out write may still commit, which is the ambiguity a run
 * should meet only in a real outage. With it, a larger plan takes longer, and never gives up.
 *
 * <p>A permit belongs to an actor, so asking twice is harmless and a restarted actor (same
 * reference) gives back what its failed incarnation held.
 */
public final class JournalGate implements Extension {

    /** Told to an actor when its turn to write came. */
    public interface Granted {
    }

    private final int permits;
    private final Set<ActorRef<?>> holders = new HashSet<>();
    private final Queue<Waiting<?>> waiting = new ArrayDeque<>();

    private record Waiting<T>(ActorRef<T> actor, T granted) {
        void grant() {
            actor.tell(granted);
        }
    }

    JournalGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("slotflow.journal-writers must be at least 1, got " + permits);
        }
        this.permits = permits;
    }

    public static JournalGate get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /** Tells {@code actor} {@code granted} when it may write: at once if a permit is free or it holds one. */
    public <T> void acquire(ActorRef<T> actor, T granted) {
        Waiting<T> request = new Waiting<>(actor, granted);
        synchronized (this) {
            if (!holders.contains(actor) && holders.size() >= permits) {
                waiting.add(request);
                return;
            }
            holders.add(actor);
        }
        request.grant();
    }

    /** {@code actor} finished its write (or stopped): its permit, if it held one, goes to the next in line. */
    public void release(ActorRef<?> actor) {
        Waiting<?> next;
        synchronized (this) {
            if (!holders.remove(actor)) {
                waiting.removeIf(w -> w.actor().equals(actor));
                return;
            }
            next = waiting.poll();
            if (next == null) {
                return;
            }
            holders.add(next.actor());
        }
        next.grant();
    }

    /** How many actors hold a permit now (for tests). */
    synchronized int inUse() {
        return holders.size();
    }

    static final class Id extends ExtensionId<JournalGate> {
        static final Id INSTANCE = new Id();

        @Override
        public JournalGate createExtension(ActorSystem<?> system) {
            return new JournalGate(system.settings().config().getInt("slotflow.journal-writers"));
        }
    }
}
