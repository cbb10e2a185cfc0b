package io.slotflow.engine;

import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import java.util.List;
import java.util.Map;

/**
 * How a run ended in this engine.
 *
 * @param runId the run
 * @param outcome completed (all succeeded), completed with failures, interrupted, or failed to go on
 * @param counts how many nodes ended in each state
 * @param failed the nodes that failed or are blocked, with why
 * @param reason for {@link Outcome#ABORTED}, why the run could not go on; otherwise empty
 */
public record RunResult(
        String runId, Outcome outcome, Map<NodeLifecycle.State, Integer> counts, List<NodeView> failed, String reason) {

    /** How a run ended. */
    public enum Outcome {
        /** Every node succeeded (or found nothing to do). */
        SUCCEEDED,
        /** The run completed; some nodes failed or were blocked. */
        FAILED,
        /** Stopped on request; run it again under the same run id to resume. */
        INTERRUPTED,
        /** The run could not go on (journal gone, another plan under this run id, internal error). */
        ABORTED
    }
}
