package io.slotflow.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Another live engine holds the run's lease: this one must not run it. The message says who, in one line. */
public final class RunHeldException extends RuntimeException {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    private final RunLease lease;

    public RunHeldException(RunLease lease, Instant now) {
        super("run " + lease.runId() + " is being run by process " + lease.process().pid() + " on host "
                + lease.process().host() + " since " + WHEN.format(lease.since()) + " (lease renewed "
                + seconds(Duration.between(lease.renewed(), now)) + " ago, lasts " + seconds(lease.term())
                + "); stop that engine first, or see docs/operations.md#a-run-held-by-another-engine");
        this.lease = lease;
    }

    public RunLease lease() {
        return lease;
    }

    private static String seconds(Duration d) {
        return Math.max(0, d.toSeconds()) + " s";
    }
}
