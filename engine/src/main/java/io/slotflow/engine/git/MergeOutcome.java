package io.slotflow.engine.git;

import io.slotflow.workspace.MergeResult;
import java.util.List;

/**
 * What the merge queue did with one branch.
 *
 * @param result merged, conflict, gate failed, noop (every change already on the target) or not merged
 * @param merged the commit the target moved to; empty unless merged
 * @param conflicts the files the rebase conflicted in
 * @param queueWaitMillis from entering the queue to its turn
 * @param gateMillis how long the gate ran, all rounds together
 * @param detail one line for the journal and the summary; empty when merged
 */
record MergeOutcome(MergeResult result, String merged, List<String> conflicts, long queueWaitMillis, long gateMillis,
        String detail) {

    MergeOutcome {
        conflicts = List.copyOf(conflicts);
    }
}
