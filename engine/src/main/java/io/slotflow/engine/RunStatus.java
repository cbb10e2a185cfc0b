package io.slotflow.engine;

import io.slotflow.policy.WaitKind;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import io.slotflow.state.RunningSession;
import io.slotflow.state.WaitingNode;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a run: its phase, who holds each slot, what waits and why, what is done.
 *
 * @param runId the run
 * @param phase where the run is
 * @param slots K now (the plan's, or the last resize's)
 * @param paused dispatch is paused: nothing new starts
 * @param running the sessions holding slots, in slot order
 * @param waiting the first ready nodes in dispatch order, each with its wait reason
 * @param waitingByClass per class, how many ready nodes wait for each kind of reason
 * @param counts how many nodes are in each lifecycle state
 * @param failed the nodes that failed or are blocked, with why
 * @param sourceProblems each rejected or failed work-source run, one line each, oldest first
 */
public record RunStatus(
        String runId,
        Phase phase,
        int slots,
        boolean paused,
        List<RunningSession> running,
        List<WaitingNode> waiting,
        Map<String, Map<WaitKind, Integer>> waitingByClass,
        Map<NodeLifecycle.State, Integer> counts,
        List<NodeView> failed,
        List<String> sourceProblems) {

    public RunStatus {
        sourceProblems = sourceProblems == null ? List.of() : List.copyOf(sourceProblems);
    }

    /** A status of a run without work-source problems. */
    public RunStatus(String runId, Phase phase, int slots, boolean paused, List<RunningSession> running,
            List<WaitingNode> waiting, Map<String, Map<WaitKind, Integer>> waitingByClass,
            Map<NodeLifecycle.State, Integer> counts, List<NodeView> failed) {
        this(runId, phase, slots, paused, running, waiting, waitingByClass, counts, failed, List.of());
    }

    /** Where a run is. */
    public enum Phase { STARTING, RUNNING, INTERRUPTING, INTERRUPTED, COMPLETED, FAILED }

    public int count(NodeLifecycle.State state) {
        return counts.getOrDefault(state, 0);
    }
}
