package io.slotflow.engine.internal;

import io.slotflow.engine.runner.SessionRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What a session host needs, whatever run its sessions belong to.
 *
 * @param hostId names this host in NodeDispatched events ({@code local}, or the cluster member's address)
 * @param slots how many sessions it may run at once, over every run (on a cluster member; in one
 *     process every run's K applies instead)
 * @param runner runs the sessions
 * @param stateDirectory session logs go to {@code runs/<run>/logs} under it
 * @param clock the source of the times reported
 * @param killGrace between TERM and KILL when a session is stopped
 * @param sink delivers a session's reports to its run's slot manager
 * @param lease whether the host may run sessions and report them now (a cluster member's lease holds)
 */
public record HostContext(String hostId, int slots, SessionRunner runner, Path stateDirectory, Clock clock, Duration killGrace,
        ReportSink sink, HostLease lease) {

    /** A host in one process: no other host ever takes its sessions over, so it needs no lease. */
    public HostContext(String hostId, int slots, SessionRunner runner, Path stateDirectory, Clock clock,
            Duration killGrace, ReportSink sink) {
        this(hostId, slots, runner, stateDirectory, clock, killGrace, sink, HostLease.UNFENCED);
    }

    /** A session host's right to run sessions: on a cluster, a lease in the journal's database. */
    public interface HostLease {

        /** The lease of a host in one process: it always holds. */
        HostLease UNFENCED = new HostLease() {
            @Override
            public boolean holds() {
                return true;
            }

            @Override
            public long incarnation() {
                return 0;
            }
        };

        /** Whether the host may start sessions and report on them now. */
        boolean holds();

        /** Which start of the member this host belongs to (each start of a member is a new incarnation). */
        long incarnation();
    }

    /** Where a host's reports go: to the slot manager of the session's run. */
    @FunctionalInterface
    public interface ReportSink {
        void deliver(String runId, SlotManager.Command report);
    }

    Path logDirectory(String runId) {
        return stateDirectory.resolve("runs").resolve(runId).resolve("logs");
    }
}
