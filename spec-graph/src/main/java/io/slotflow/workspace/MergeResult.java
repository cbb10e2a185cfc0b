package io.slotflow.workspace;

/** What became of an attempt's branch. */
public enum MergeResult {
    /** The target branch moved to the branch's (rebased) commits. */
    MERGED,
    /** The session made no commit and left a clean tree: a success that did nothing. */
    NOOP,
    /** Rebasing onto the target's tip conflicted; the node runs again from the new tip, once. */
    CONFLICT,
    /** The plan's gate failed on the rebased branch. */
    GATE_FAILED,
    /** The session exited 0 but left changes it did not commit. */
    UNCOMMITTED,
    /** The session itself failed, timed out or was stopped: nothing was queued. */
    NOT_MERGED
}
