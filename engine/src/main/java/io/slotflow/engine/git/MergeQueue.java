package io.slotflow.engine.git;

import io.slotflow.workspace.MergeResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge queues of one engine: one per target branch, merging one branch at a time in the order
 * branches arrive. A merge rebases the branch onto the target's tip when the target moved, runs the
 * gate in the worktree, then moves the target with a compare-and-swap (and marks the branch merged
 * in the same ref transaction, see {@link MergeMarks}); when someone else moved the target in
 * between, it goes round again on the new tip.
 */
final class MergeQueue {

    /** Rounds before a branch gives up on a target that keeps moving under it. */
    private static final int MAX_ROUNDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger("io.slotflow.merge");

    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();

    /** What one merge needs besides the workspace. */
    record Request(AttemptWorkspace workspace, GitTarget target, Gate gate, Path gateDirectory,
            Map<String, String> gateEnvironment, Path gateLog, BooleanSupplier stopped) {
    }

    CompletableFuture<MergeOutcome> enqueue(Request request) {
        long queuedAt = System.nanoTime();
        ExecutorService queue = queues.computeIfAbsent(request.target().repository() + "\0" + request.target().ref(),
                key -> Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "slotflow-merge-" + request.target().branch());
                    thread.setDaemon(true);
                    return thread;
                }));
        return CompletableFuture.supplyAsync(() -> {
            long waited = (System.nanoTime() - queuedAt) / 1_000_000;
            try {
                return merge(request, waited);
            } catch (GitException e) {
                return new MergeOutcome(MergeResult.NOT_MERGED, "", List.of(), waited, 0, e.getMessage());
            }
        }, queue);
    }

    private MergeOutcome merge(Request request, long waited) {
        AttemptWorkspace ws = request.workspace();
        Git repo = ws.repo();
        long gateMillis = 0;
        Optional<String> mergedBefore = MergeMarks.mergedCommit(repo, ws.worktree().branch());
        if (mergedBefore.isPresent()) {
            return new MergeOutcome(MergeResult.MERGED, mergedBefore.get(), List.of(), waited, 0, "");
        }
        if (request.stopped().getAsBoolean()) {
            return new MergeOutcome(MergeResult.NOT_MERGED, "", List.of(), waited, 0, "stopped before its merge");
        }
        // a rebase a killed engine left half done
        if (ws.tree().run("rev-parse", "--verify", "--quiet", "REBASE_HEAD").ok()
                || java.nio.file.Files.exists(ws.tree().directory()
                        .resolve(ws.tree().must("rev-parse", "--git-path", "rebase-merge")))) {
            ws.tree().run("rebase", "--abort");
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String tip = repo.commit(request.target().ref()).orElseThrow(() ->
                    new GitException("branch '" + request.target().branch() + "' no longer exists"));
            if (!repo.isAncestor(tip, ws.branchRef())) {
                Git.Result rebase = ws.tree().run("rebase", "--quiet", tip);
                if (!rebase.ok()) {
                    List<String> conflicts = ws.tree().run("diff", "--name-only", "--diff-filter=U", "-z").items();
                    ws.tree().run("rebase", "--abort");
                    if (conflicts.isEmpty()) {
                        return new MergeOutcome(MergeResult.NOT_MERGED, "", List.of(), waited, gateMillis,
                                "rebase onto " + request.target().branch() + " failed: "
                                        + Git.firstLine(rebase.err().isBlank() ? rebase.out() : rebase.err()));
                    }
                    return new MergeOutcome(MergeResult.CONFLICT, "", conflicts, waited, gateMillis,
                            "rebase onto " + request.target().branch() + " at " + tip.substring(0, 12)
                                    + " conflicts in " + Names.some(conflicts));
                }
            }
            String head = repo.commit(ws.branchRef()).orElseThrow();
            if (head.equals(tip)) {
                return new MergeOutcome(MergeResult.NOOP, "", List.of(), waited, gateMillis,
                        "every change is already on " + request.target().branch());
            }
            if (!request.target().gate().isEmpty()) {
                long start = System.nanoTime();
                int exit = request.gate().run(request.gateDirectory(), request.gateEnvironment(), request.gateLog());
                gateMillis += (System.nanoTime() - start) / 1_000_000;
                if (exit != 0) {
                    return new MergeOutcome(MergeResult.GATE_FAILED, "", List.of(), waited, gateMillis,
                            (request.stopped().getAsBoolean() ? "stopped during the gate" : "gate failed (exit " + exit + ")")
                                    + ", log " + request.gateLog());
                }
            }
            if (request.stopped().getAsBoolean()) {
                return new MergeOutcome(MergeResult.NOT_MERGED, "", List.of(), waited, gateMillis,
                        "stopped before its merge");
            }
            if (MergeMarks.compareAndSwap(repo, request.target().ref(), head, tip, ws.worktree().branch())) {
                refreshCheckouts(repo, request.target(), tip, head);
                return new MergeOutcome(MergeResult.MERGED, head, List.of(), waited, gateMillis, "");
            }
            LOG.info("{} moved while {} was gated; rebasing again", request.target().branch(), ws.worktree().branch());
        }
        return new MergeOutcome(MergeResult.NOT_MERGED, "", List.of(), waited, gateMillis,
                request.target().branch() + " kept moving: " + MAX_ROUNDS + " rounds of rebase and gate did not land");
    }

    /**
     * A worktree that has the target checked out (the main one, usually) would see the merge as
     * changes undone: its index and files follow the target from {@code from} to {@code to}.
     */
    private static void refreshCheckouts(Git repo, GitTarget target, String from, String to) {
        String worktree = null;
        for (String line : repo.run("worktree", "list", "--porcelain").out().split("\n")) {
            if (line.startsWith("worktree ")) {
                worktree = line.substring("worktree ".length());
            } else if (line.equals("branch " + target.ref()) && worktree != null) {
                Git.Result r = new Git(Path.of(worktree)).run("read-tree", "-m", "-u", from, to);
                if (!r.ok()) {
                    LOG.warn("{} moved to {}, but the worktree {} that has it checked out could not follow: {}",
                            target.branch(), to, worktree, Git.firstLine(r.err()));
                }
            }
        }
    }

    void close() {
        queues.values().forEach(ExecutorService::shutdownNow);
    }
}
