package io.slotflow.engine.git;

import io.slotflow.engine.WorkspaceRefusedException;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Workspace;
import io.slotflow.plan.WorkspaceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a plan's git workspace when its run starts, and refuses one that cannot be used, with
 * one line that says why, before anything runs.
 */
public final class RepositoryCheck {

    private RepositoryCheck() {
    }

    /** The plan's git target, or empty when no class of the plan uses a git workspace. */
    public static Optional<GitTarget> resolve(Plan plan, Path planDirectory) {
        return usesGit(plan) ? Optional.of(resolve(plan.workspace(), planDirectory)) : Optional.empty();
    }

    /** Whether the plan, or a class of it, works in a git workspace. */
    public static boolean usesGit(Plan plan) {
        return plan.workspace().isGit() || plan.classes().stream().anyMatch(c -> c.workspace() == WorkspaceKind.GIT);
    }

    /**
     * A cluster refuses a plan with a git workspace before anything is journaled: its members' sessions
     * would run without worktrees, and with no merge queue their work would reach no branch.
     */
    public static void refuseInCluster(Plan plan) {
        if (usesGit(plan)) {
            throw refused("git workspaces run on a single-process engine (slotflow run, slotflow serve), not on a "
                    + "cluster: a member's sessions would get no worktree and no merge queue");
        }
    }

    static GitTarget resolve(Workspace workspace, Path planDirectory) {
        Path dir = workspace.repository().isEmpty() ? planDirectory
                : planDirectory.resolve(workspace.repository()).normalize();
        if (!Files.isDirectory(dir)) {
            throw refused("repository " + dir + " is not a directory");
        }
        Git git = new Git(dir);
        Git.Result top = git.run("rev-parse", "--show-toplevel");
        if (!top.ok()) {
            throw refused(dir + " is not in a git repository");
        }
        Git repo = new Git(Path.of(top.out().trim()));
        String target = workspace.target();
        if (target.isEmpty()) {
            Git.Result head = repo.run("symbolic-ref", "--short", "-q", "HEAD");
            if (!head.ok()) {
                throw refused(repo.directory() + " has no current branch (detached HEAD): give workspace.target");
            }
            target = head.out().trim();
        }
        if (!repo.run("check-ref-format", "--branch", target).ok()) {
            throw refused("'" + target + "' is not a valid branch name");
        }
        if (repo.commit("refs/heads/" + target).isEmpty()) {
            throw refused("branch '" + target + "' does not exist in " + repo.directory());
        }
        catchUp(repo, target);
        List<String> dirty = repo.run("status", "--porcelain", "-z", "--untracked-files=no").items();
        if (!dirty.isEmpty()) {
            throw refused("the main worktree " + repo.directory() + " has uncommitted changes ("
                    + Names.some(dirty.stream().map(s -> s.length() > 3 ? s.substring(3) : s).toList())
                    + "): commit or stash them before the run");
        }
        return new GitTarget(repo.directory().toString(), target, workspace.gate());
    }

    /**
     * A main worktree left behind by a merge that landed while the engine was dead (killed between
     * the ref update and the refresh of the checkout): its index and files still show an earlier
     * commit of the target, which Slotflow merged over. They follow the target now, so that the
     * check below sees the user's changes only.
     */
    private static void catchUp(Git repo, String target) {
        Optional<String> head = repo.commit("HEAD");
        boolean onTarget = repo.run("symbolic-ref", "-q", "HEAD").out().trim().equals("refs/heads/" + target);
        boolean mergedBySlotflow = head.isPresent() && repo.run("for-each-ref", "--format=%(objectname)",
                "refs/slotflow/merged/").out().lines().anyMatch(head.get()::equals);
        if (!onTarget || !mergedBySlotflow || !repo.run("diff", "--quiet").ok()) {
            return;
        }
        String index = repo.must("write-tree");
        for (String commit : repo.must("rev-list", "--first-parent", "--max-count=100", "HEAD").split("\n")) {
            if (repo.must("rev-parse", commit + "^{tree}").equals(index)) {
                if (!commit.equals(head.get())) {
                    repo.run("read-tree", "-m", "-u", commit, head.get());
                }
                return;
            }
        }
    }

    private static WorkspaceRefusedException refused(String why) {
        return new WorkspaceRefusedException("workspace: " + why);
    }
}
