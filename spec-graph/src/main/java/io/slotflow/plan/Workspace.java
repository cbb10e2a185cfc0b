package io.slotflow.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a plan's sessions work: in the plan's own directories ({@link WorkspaceKind#NONE}), or each
 * attempt in its own git worktree, merged back to a target branch through a merge queue
 * ({@link WorkspaceKind#GIT}).
 *
 * @param kind none or git
 * @param repository the repository, relative to the plan file's directory or absolute; empty for
 *     the repository the plan file lives in
 * @param target the branch merges go to; empty for the repository's current branch
 * @param gate run with {@code /bin/sh -c} in the worktree before a merge (the test suite, say);
 *     empty for no gate
 */
public record Workspace(WorkspaceKind kind, String repository, String target, String gate) {

    /** Sessions run where their plan says. */
    public static final Workspace NONE = new Workspace(WorkspaceKind.NONE, "", "", "");

    public Workspace {
        Objects.requireNonNull(kind, "kind");
        repository = repository == null ? "" : repository;
        target = target == null ? "" : target;
        gate = gate == null ? "" : gate;
    }

    public boolean isGit() {
        return kind == WorkspaceKind.GIT;
    }

    public Optional<String> gateLine() {
        return gate.isBlank() ? Optional.empty() : Optional.of(gate);
    }

    /** The workspace a session of a class with {@code classChoice} gets. */
    public Workspace forClass(WorkspaceKind classChoice) {
        return switch (classChoice) {
            case INHERIT -> this;
            case NONE -> NONE;
            case GIT -> isGit() ? this : new Workspace(WorkspaceKind.GIT, repository, target, gate);
        };
    }
}
