package io.slotflow.cli;

import io.slotflow.persistence.EngineProcess;
import io.slotflow.persistence.RunLease;
import io.slotflow.state.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an engine runs a run now, from the run's lease: a live engine renews it; a lease given
 * back, run out, or held by a process gone from this host means no engine runs the run.
 *
 * @param running whether a live engine holds the run's lease
 * @param lease the lease as the journal's database holds it (none: no engine with leases ever ran it)
 * @param stoppedAt when no engine runs it: its engine's last sign of life (the last event without a lease)
 * @param now when this was seen
 */
record EngineLiveness(boolean running, Optional<RunLease> lease, Instant stoppedAt, Instant now) {

    static EngineLiveness of(RunState state, Optional<RunLease> lease, Instant now) {
        RunLease.Verdict verdict = RunLease.verdict(lease, EngineProcess.localHost(), now);
        Instant stopped = lease.map(RunLease::lastAlive).orElse(state.lastEventAt());
        return new EngineLiveness(verdict == RunLease.Verdict.HELD, lease, stopped, now);
    }

    /** The run's phase in a few words, for a run that has not completed. */
    String describe(String runId) {
        if (running) {
            RunLease l = lease.orElseThrow();
            return "running — engine process " + l.process().pid() + " on host " + l.process().host() + " since "
                    + Show.dateTime(l.since()) + " (alive " + Show.duration(Duration.between(l.renewed(), now)) + " ago)";
        }
        return "engine not running since " + Show.dateTime(stoppedAt) + (lease.isEmpty() ? " (its last event)" : "")
                + "; resume it with slotflow run … --run-id " + runId;
    }
}
