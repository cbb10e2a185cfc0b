package io.slotflow.workspace;

/** What a session that exited 0 did, read from its branch and worktree. */
public enum BranchVerdict {
    /** Commits and a clean tree: the branch enters the merge queue. */
    QUEUE,
    /** No commit and a clean tree. */
    NOOP,
    /** Changes left uncommitted: a failure, never silently dropped. */
    UNCOMMITTED;

    public static BranchVerdict of(int commits, int uncommittedFiles) {
        if (uncommittedFiles > 0) {
            return UNCOMMITTED;
        }
        return commits == 0 ? NOOP : QUEUE;
    }
}
