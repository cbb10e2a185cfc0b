package io.slotflow.engine.cluster;

import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.persistence.HostLeases;
import io.slotflow.persistence.JournalUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds a member's session-host lease ({@link HostLeases}) for one incarnation of the member: renews
 * it every fifth of its term on a daemon thread, and knows, by this JVM's monotonic clock, until when
 * the lease surely holds — the time the last successful renewal was <em>sent</em>, plus the term,
 * less a margin. The database counts the term from when it applied the renewal, which is later, so
 * the member stops its sessions before any other member may take them over.
 *
 * <p>The host is fenced for good when a renewal is refused (the lease ran out in the database) or
 * when its own deadline passes (it could not renew in time, or its JVM was frozen): it then stops
 * its sessions and reports nothing more. The runner's watchdog, outside the JVM, is told the same
 * deadline, so sessions die on time even while the JVM is frozen.
 */
final class HostLeaseKeeper implements AutoCloseable {

    /** Kept between the member's own deadline and the database's: the watchdog's poll and its kill fit in it. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private final HostLeases leases;
    private final String address;
    private final long incarnation;
    private final SessionRunner runner;
    private final Runnable onFenced;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean fenced = new AtomicBoolean();
    private volatile long deadlineNanos;

    private HostLeaseKeeper(HostLeases leases, String address, long incarnation, SessionRunner runner,
            Runnable onFenced) {
        this.leases = leases;
        this.address = address;
        this.incarnation = incarnation;
        this.runner = runner;
        this.onFenced = onFenced;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotflow-host-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the lease for this incarnation, waiting (at most a term and a half) for a previous
     * incarnation at the same address to run out, then keeps renewing it.
     *
     * @throws JournalUnavailableException when the lease cannot be taken
     */
    static HostLeaseKeeper start(HostLeases leases, String address, long incarnation, SessionRunner runner,
            Runnable onFenced) throws InterruptedException {
        leases.createTable();
        HostLeaseKeeper keeper = new HostLeaseKeeper(leases, address, incarnation, runner, onFenced);
        long giveUp = System.nanoTime() + leases.term().multipliedBy(3).dividedBy(2).toNanos();
        while (true) {
            long sent = System.nanoTime();
            if (leases.register(address, incarnation)) {
                keeper.held(sent);
                break;
            }
            if (System.nanoTime() > giveUp) {
                throw new JournalUnavailableException("the session host at " + address + " is still held by an "
                        + "earlier incarnation of this member that did not give it back", null);
            }
            Thread.sleep(500);
        }
        long every = leases.term().dividedBy(5).toMillis();
        keeper.timer.scheduleWithFixedDelay(keeper::renew, every, every, TimeUnit.MILLISECONDS);
        return keeper;
    }

    /** Whether this host may still run sessions and report them: its lease surely holds. */
    boolean holds() {
        return !fenced.get() && System.nanoTime() - deadlineNanos < 0;
    }

    private void held(long sentNanos) {
        long deadline = sentNanos + leases.term().minus(MARGIN).toNanos();
        deadlineNanos = deadline;
        runner.runUntil(Instant.now().plusNanos(deadline - System.nanoTime()));
    }

    private void renew() {
        if (!holds()) {
            fence();
            return;
        }
        long sent = System.nanoTime();
        try {
            if (leases.renew(address, incarnation)) {
                if (!fenced.get()) {
                    held(sent);
                }
            } else {
                fence();
            }
        } catch (JournalUnavailableException e) {
            // tried again at the next tick; the deadline decides if the database stays away
        } catch (RuntimeException e) {
            // a renewal must never end the timer
        }
    }

    private void fence() {
        if (fenced.compareAndSet(false, true)) {
            runner.runUntil(Instant.EPOCH.plusMillis(1)); // the watchdog kills whatever is left, now
            timer.shutdown();
            onFenced.run();
        }
    }

    /** Gives the lease back once the member's sessions are stopped (a member that leaves). */
    @Override
    public void close() {
        timer.shutdownNow();
        if (fenced.compareAndSet(false, true)) {
            try {
                leases.release(address, incarnation);
            } catch (RuntimeException e) {
                // it runs out by itself within its term
            }
        }
    }
}
