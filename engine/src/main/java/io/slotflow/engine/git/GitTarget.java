package io.slotflow.engine.git;

import java.util.Objects;

/**
 * A run's git workspace, resolved when the run starts: the repository's top directory, the branch
 * merges go to, and the gate a branch must pass first.
 *
 * @param repository absolute path of the repository's main worktree
 * @param branch the target branch's short name, e.g. {@code main}
 * @param gate run with {@code /bin/sh -c} in the worktree before a merge; empty for none
 */
public record GitTarget(String repository, String branch, String gate) {

    public GitTarget {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        gate = gate == null ? "" : gate;
    }

    public String ref() {
        return "refs/heads/" + branch;
    }
}
