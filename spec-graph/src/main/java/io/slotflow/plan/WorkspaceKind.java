package io.slotflow.plan;

/** Whether sessions get a git worktree of their own. */
public enum WorkspaceKind {
    /** A class's default: whatever the plan's {@code workspace} says. */
    INHERIT,
    /** The plan's directories, shared by every session. */
    NONE,
    /** A git worktree and branch per attempt, merged through the merge queue. */
    GIT
}
