package io.slotflow.workspace;

import java.util.List;
import java.util.Objects;

/**
 * What an attempt did in its git workspace and what became of it, journaled with its
 * {@code session-finished}.
 *
 * @param worktree the workspace
 * @param commits commits on the branch over its base
 * @param files the files those commits change against the base: the observed footprint
 * @param undeclared changed files no declared write covers ({@link WriteCheck})
 * @param result merged, noop, conflict, gate failed, uncommitted or not merged
 * @param merged the commit the target moved to; empty unless merged
 * @param conflicts the files a rebase conflicted in; empty unless conflict
 * @param queueWaitMillis from entering the merge queue to its turn
 * @param gateMillis how long the gate ran (all its runs)
 * @param kept the worktree left for inspection (failures); empty when removed
 */
public record GitWork(
        Worktree worktree,
        int commits,
        List<String> files,
        List<String> undeclared,
        MergeResult result,
        String merged,
        List<String> conflicts,
        long queueWaitMillis,
        long gateMillis,
        String kept) {

    public GitWork {
        Objects.requireNonNull(worktree, "worktree");
        files = files == null ? List.of() : List.copyOf(files);
        undeclared = undeclared == null ? List.of() : List.copyOf(undeclared);
        Objects.requireNonNull(result, "result");
        merged = merged == null ? "" : merged;
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        kept = kept == null ? "" : kept;
    }
}
