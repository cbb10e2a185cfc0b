package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished run is taken up again to retry its failed work: the run is no longer completed, and
 * the owners of {@code nodes} reopen them ({@link NodesReopened}). What succeeded stays done.
 *
 * @param round 1 for the first retry of the run, then one more for each
 * @param nodes the groups reopened: those that failed (timed-out ones included) or were blocked
 */
@EventType(name = "run-retried", version = 1)
public record RunRetried(
        int round,
        List<String> nodes,
        Instant at) implements RunEvent {

    public RunRetried {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(at, "at");
        nodes = List.copyOf(nodes);
    }
}
