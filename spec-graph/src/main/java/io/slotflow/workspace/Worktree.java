package io.slotflow.workspace;

import java.util.Objects;

/**
 * An attempt's git workspace, as created when its session starts.
 *
 * @param repository the repository's top directory
 * @param target the branch it merges into
 * @param branch the attempt's own branch ({@link BranchName})
 * @param base the target's tip the branch was created from
 * @param path the worktree's directory
 */
public record Worktree(String repository, String target, String branch, String base, String path) {

    public Worktree {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(path, "path");
    }
}
