package io.slotflow.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.slf4j.LoggerFactory;

/**
 * Whether the journal's writes go through, for the one line an operator needs after an outage:
 * each failed write is logged where it happens (once a minute at most), and the first write that
 * succeeds after them logs {@code journal reachable again} at WARN, with how long the trouble lasted.
 * One per engine (actor system); thread-safe.
 */
public final class JournalHealth implements Extension {

    private final Clock clock;
    private final Consumer<String> warn;
    private Instant troubleSince;
    private int failures;

    JournalHealth(Clock clock, Consumer<String> warn) {
        this.clock = clock;
        this.warn = warn;
    }

    public static JournalHealth get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /** A persistent actor stopped because a journal write failed (it is started afresh). */
    public synchronized void writeFailed() {
        if (troubleSince == null) {
            troubleSince = clock.instant();
        }
        failures++;
    }

    /** Whether writes have failed since the last one that went through. */
    public synchronized boolean troubled() {
        return troubleSince != null;
    }

    /** A write went through: after failures, say once that the journal is reachable again. */
    public void written() {
        String line;
        synchronized (this) {
            if (troubleSince == null) {
                return;
            }
            Duration lasted = Duration.between(troubleSince, clock.instant());
            line = "journal reachable again: writes go through after " + failures + " failed "
                    + (failures == 1 ? "write" : "writes") + " over " + lasted.toSeconds() + " s";
            troubleSince = null;
            failures = 0;
        }
        warn.accept(line);
    }

    /** {@code next}, told also to this health: every persisted batch is a write that went through. */
    public RunListener watching(RunListener next) {
        return events -> {
            if (!events.isEmpty()) {
                written();
            }
            next.persisted(events);
        };
    }

    static final class Id extends ExtensionId<JournalHealth> {
        static final Id INSTANCE = new Id();

        @Override
        public JournalHealth createExtension(ActorSystem<?> system) {
            org.slf4j.Logger log = LoggerFactory.getLogger("io.slotflow.journal");
            return new JournalHealth(Clock.systemUTC(), log::warn);
        }
    }
}
