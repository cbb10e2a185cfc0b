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
 */
public record HostContext(String hostId, int slots, SessionRunner runner, Path stateDirectory, Clock clock, Duration killGrace,
        ReportSink sink) {

    /** Where a host's reports go: to the slot manager of the session's run. */
    @FunctionalInterface
    public interface ReportSink {
        void deliver(String runId, SlotManager.Command report);
    }

    Path logDirectory(String runId) {
        return stateDirectory.resolve("runs").resolve(runId).resolve("logs");
    }
}
