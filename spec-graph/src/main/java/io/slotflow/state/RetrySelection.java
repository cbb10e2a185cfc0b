package io.slotflow.state;

import io.slotflow.event.RunRetried;
import io.slotflow.graph.NodeKind;
import java.util.List;
import java.util.Optional;

/**
 * What a retry of a run reopens, decided from the run's whole state: every group that failed
 * (timed out included) or was blocked, once the run has finished. What succeeded stays done. A
 * retry that stopped before it finished goes on with the same round.
 */
public sealed interface RetrySelection {

    /** Retry {@code round} of the run reopens these groups, in plan order (never empty). */
    record Reopen(int round, List<String> nodes) implements RetrySelection {
        public Reopen {
            nodes = List.copyOf(nodes);
        }
    }

    /** Nothing can be retried, and why. */
    record Refused(String reason) implements RetrySelection {
    }

    static RetrySelection of(RunState state) {
        String run = state.runId();
        Optional<Reopen> underWay = underWay(state);
        if (underWay.isPresent()) {
            return underWay.get();
        }
        if (!state.isCompleted()) {
            return new Refused("run " + run + " has not finished; resume it with `slotflow run PLAN --run-id " + run
                    + "`");
        }
        List<String> nodes = state.nodes().stream()
                .filter(n -> n.node().kind() == NodeKind.GROUP)
                .filter(n -> n.state().isUnsuccessful())
                .map(NodeView::id)
                .toList();
        if (nodes.isEmpty()) {
            return new Refused("run " + run + " has no failed, timed-out or blocked group to retry");
        }
        return new Reopen(state.lastRetry().map(RunRetried::round).orElse(0) + 1, nodes);
    }

    /** The run's latest retry, when it stopped before the run finished again: a resume takes it up. */
    static Optional<Reopen> underWay(RunState state) {
        return state.isCompleted() ? Optional.empty()
                : state.lastRetry().map(r -> new Reopen(r.round(), r.nodes()));
    }
}
