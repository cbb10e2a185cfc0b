package io.slotflow.persistence;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many journal commits this process made and how many events they held ({@link BatchedJournalDao}):
 * the figure the engine's throughput and the journal's size follow, read by the bench.
 */
public final class JournalWriteStats {

    private static final AtomicLong COMMITS = new AtomicLong();
    private static final AtomicLong EVENTS = new AtomicLong();

    private JournalWriteStats() {
    }

    static void committed(int events) {
        COMMITS.incrementAndGet();
        EVENTS.addAndGet(events);
    }

    public static long commits() {
        return COMMITS.get();
    }

    public static long events() {
        return EVENTS.get();
    }
}
