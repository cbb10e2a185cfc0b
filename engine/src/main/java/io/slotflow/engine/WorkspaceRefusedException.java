package io.slotflow.engine;

/**
 * A plan's git workspace cannot be used (no repository, no such branch, uncommitted changes in the
 * main worktree): refused before anything of the run is journaled or started.
 */
public final class WorkspaceRefusedException extends RuntimeException {

    public WorkspaceRefusedException(String message) {
        super(message);
    }
}
