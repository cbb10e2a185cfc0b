package io.slotflow.engine.git;

import io.slotflow.workspace.BranchName;
import io.slotflow.workspace.Worktree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One attempt's worktree and branch: created from the target's tip, read after the session, removed
 * after a merge (kept after a failure, for inspection).
 */
final class AttemptWorkspace {

    private final Git repo;
    private final Git tree;
    private final Worktree worktree;

    private AttemptWorkspace(Git repo, Worktree worktree) {
        this.repo = repo;
        this.tree = new Git(Path.of(worktree.path()));
        this.worktree = worktree;
    }

    /** One lock per repository for adding worktrees (see {@link #create}). */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> ADDING =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Creates the branch at the target's current tip and checks it out in a new worktree under {@code parent}. */
    static AttemptWorkspace create(GitTarget target, String runId, String nodeId, int attempt, Path parent) {
        Git repo = new Git(Path.of(target.repository()));
        String branch = BranchName.of(runId, nodeId, attempt);
        String base = repo.commit(target.ref()).orElseThrow(() ->
                new GitException("branch '" + target.branch() + "' no longer exists in " + target.repository()));
        Path path = parent.resolve(branch.substring(BranchName.PREFIX.length()).replace('/', '.'));
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new GitException("cannot create " + parent + ": " + e.getMessage());
        }
        // two worktrees added to one repository at once contend for its locks (the new branch's ref,
        // .git/worktrees), and the loser fails: the sessions of one engine add theirs one at a time
        synchronized (ADDING.computeIfAbsent(Path.of(target.repository()).toAbsolutePath().normalize(), r -> new Object())) {
            repo.must("worktree", "add", "--quiet", "-b", branch, path.toString(), base);
        }
        return new AttemptWorkspace(repo, new Worktree(target.repository(), target.branch(), branch, base,
                path.toString()));
    }

    /** An earlier attempt's workspace, when that attempt's branch entered the merge queue. */
    static Optional<AttemptWorkspace> queued(GitTarget target, String runId, String nodeId, int attempt, Path parent) {
        Git repo = new Git(Path.of(target.repository()));
        String branch = BranchName.of(runId, nodeId, attempt);
        Optional<String> base = MergeMarks.queuedBase(repo, branch);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Path path = parent.resolve(branch.substring(BranchName.PREFIX.length()).replace('/', '.'));
        return Optional.of(new AttemptWorkspace(repo, new Worktree(target.repository(), target.branch(), branch,
                base.get(), path.toString())));
    }

    Worktree worktree() {
        return worktree;
    }

    Git repo() {
        return repo;
    }

    Git tree() {
        return tree;
    }

    String branchRef() {
        return "refs/heads/" + worktree.branch();
    }

    /**
     * Where the session's own commits begin: its base, or the target's commit it rebased onto (a session
     * told of drift may rebase before it ends), so that others' commits never count as its own.
     */
    String ownBase() {
        Git.Result r = repo.run("merge-base", "refs/heads/" + worktree.target(), branchRef());
        return r.ok() && repo.isAncestor(worktree.base(), r.out().trim()) ? r.out().trim() : worktree.base();
    }

    /** Commits on the branch over its own base. */
    int commits() {
        return Integer.parseInt(repo.must("rev-list", "--count", ownBase() + ".." + branchRef()).trim());
    }

    /** The files the branch changes against its own base. */
    List<String> changedFiles() {
        return repo.run("diff", "--name-only", "-z", "--no-renames", ownBase(), branchRef()).items();
    }

    /**
     * Where the session is told of drift: a file in the worktree's own git directory, so that it is never
     * part of the tree (an agent's {@code git add -A} does not commit it) and goes with the worktree.
     */
    Optional<Path> driftFile() {
        if (!Files.isDirectory(tree.directory())) {
            return Optional.empty();
        }
        Git.Result r = tree.run("rev-parse", "--absolute-git-dir");
        return r.ok() ? Optional.of(Path.of(r.out().trim()).resolve("slotflow-drift")) : Optional.empty();
    }

    /** Tracked changes and untracked files the session left in its worktree (ignored files do not count). */
    List<String> uncommitted() {
        return tree.run("status", "--porcelain", "-z", "--untracked-files=all").items().stream()
                .map(s -> s.length() > 3 ? s.substring(3) : s).toList();
    }

    /** After a merge: the worktree and the branch go (the merged mark stays). */
    void remove() {
        repo.run("worktree", "remove", "--force", worktree.path());
        repo.run("branch", "-D", worktree.branch());
        MergeMarks.unmarkQueued(repo, worktree.branch());
    }
}
