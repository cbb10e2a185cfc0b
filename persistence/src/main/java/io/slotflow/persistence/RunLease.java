package io.slotflow.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A run's lease as the journal's database holds it: which engine runs the run, since when, and until
 * when it counts unless renewed.
 *
 * @param runId the run
 * @param holderId one id per taking of the lease, so a successor's renewals are never mistaken for the predecessor's
 * @param process the engine's process
 * @param since when this holder took the lease
 * @param renewed the holder's last renewal: its last sign of life
 * @param expires after this anyone may take the lease over
 * @param ended when the holder gave the lease back, if it did
 */
public record RunLease(String runId, String holderId, EngineProcess process, Instant since, Instant renewed,
        Instant expires, Optional<Instant> ended) {

    /** How a would-be holder finds a lease. */
    public enum Verdict {
        /** No engine ever held it. */
        FREE(true),
        /** Its holder gave it back when its run stopped. */
        RELEASED(true),
        /** Its holder stopped renewing it longer ago than the lease lasts. */
        EXPIRED(true),
        /** Its holder's process is gone from this host. */
        HOLDER_GONE(true),
        /** A live engine holds it. */
        HELD(false);

        private final boolean takeable;

        Verdict(boolean takeable) {
            this.takeable = takeable;
        }

        public boolean takeable() {
            return takeable;
        }
    }

    /** How {@code lease} stands, seen from {@code host} at {@code now}. */
    public static Verdict verdict(Optional<RunLease> lease, String host, Instant now) {
        if (lease.isEmpty()) {
            return Verdict.FREE;
        }
        RunLease l = lease.get();
        if (l.ended().isPresent()) {
            return Verdict.RELEASED;
        }
        if (!now.isBefore(l.expires())) {
            return Verdict.EXPIRED;
        }
        return l.process().isGoneFrom(host) ? Verdict.HOLDER_GONE : Verdict.HELD;
    }

    /** When its engine was last known to run it: when it gave the lease back, or its last renewal. */
    public Instant lastAlive() {
        return ended.orElse(renewed);
    }

    /** How long a lease lasts without renewal. */
    public Duration term() {
        return Duration.between(renewed, expires);
    }
}
