package io.slotflow.engine.runner;

import java.util.concurrent.CompletionStage;

/** A session that a {@link SessionRunner} started. */
public interface SessionHandle {

    /** Completes once when the session has ended — on its own or after {@link #cancel()}. */
    CompletionStage<SessionResult> result();

    /**
     * Stops the session: for a process, TERM to its whole tree, a grace period, then KILL. The
     * result completes once nothing of the session is left. Idempotent; never blocks.
     */
    void cancel();

    /** The operating-system process id, or 0 for an in-process session. */
    default long pid() {
        return 0;
    }

    /** The attempt's git worktree, branch and base, when it runs in a git workspace. */
    default java.util.Optional<io.slotflow.workspace.Worktree> worktree() {
        return java.util.Optional.empty();
    }
}
