package io.slotflow.engine.internal;

import io.slotflow.persistence.JournalCorruptException;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.persistence.RunLease;
import io.slotflow.persistence.RunLeases;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renews the leases of an engine's runs while they run, on one daemon thread, and tells a run when
 * another engine has taken its lease over (it must stop: two engines must never run one run). A
 * renewal that cannot reach the database is tried again at the next tick; the run's own journal
 * writes ride out the outage the same way.
 */
public final class LeaseKeeper implements AutoCloseable {

    private final RunLeases leases;
    private final ScheduledExecutorService timer;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(RunLease lease, Consumer<String> onLost) {
    }

    public LeaseKeeper(RunLeases leases, Duration every) {
        this.leases = leases;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotflow-lease-keeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renewAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Keeps renewing {@code lease}; {@code onLost} hears why, once, if another engine takes it over. */
    public void hold(RunLease lease, Consumer<String> onLost) {
        held.put(lease.holderId(), new Held(lease, onLost));
    }

    /** Stops renewing and gives the lease back; if the database cannot be reached, it runs out instead. */
    public void release(RunLease lease) {
        held.remove(lease.holderId());
        try {
            leases.release(lease);
        } catch (JournalUnavailableException | JournalCorruptException e) {
            // the lease runs out by itself within its term; a successor on this host need not wait
        }
    }

    private void renewAll() {
        for (Held h : held.values()) {
            try {
                if (!leases.renew(h.lease())) {
                    held.remove(h.lease().holderId());
                    h.onLost().accept(takenOver(h.lease()));
                }
            } catch (JournalUnavailableException | JournalCorruptException e) {
                // try again at the next tick
            } catch (RuntimeException e) {
                // a renewal must never end the timer
            }
        }
    }

    private String takenOver(RunLease lost) {
        String by;
        try {
            by = leases.read(lost.runId()).filter(l -> !l.holderId().equals(lost.holderId()))
                    .map(l -> " by process " + l.process().pid() + " on host " + l.process().host()).orElse("");
        } catch (RuntimeException e) {
            by = "";
        }
        return "another engine took run " + lost.runId() + " over" + by + " after this one could not renew its lease";
    }

    /** Stops renewing and gives every lease still held back. */
    @Override
    public void close() {
        timer.shutdownNow();
        held.values().forEach(h -> release(h.lease()));
    }
}
