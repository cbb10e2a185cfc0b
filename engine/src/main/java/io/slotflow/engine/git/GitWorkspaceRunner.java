package io.slotflow.engine.git;

import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionRequest;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.SessionOutcome;
import io.slotflow.workspace.BranchVerdict;
import io.slotflow.workspace.GitWork;
import io.slotflow.workspace.MergeResult;
import io.slotflow.workspace.WriteCheck;
import io.slotflow.workspace.Worktree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A workspace around another runner: a session whose request names a {@link GitTarget} runs in a
 * worktree of its own, on its own branch made from the target's tip; when it exits 0 its branch is
 * read (commits, changed files, what it left uncommitted) and, when it committed something, merged
 * through the {@link MergeQueue}: the request hears when the branch enters the queue (the engine then
 * frees the session's slot), and the session's result says what became of the branch. Other
 * requests go to the inner runner unchanged.
 *
 * <p>An attempt that follows one whose branch already entered the merge queue (the engine was
 * killed, or the run stopped, while the branch waited, rebased, gated or landed) does not run the
 * session again: it takes that branch back into the queue, or reports the merge that already
 * happened ({@link MergeMarks}).
 */
public final class GitWorkspaceRunner implements SessionRunner, AutoCloseable {

    private final SessionRunner inner;
    private final MergeQueue queue = new MergeQueue();
    private final DriftWatch drift;
    private final ExecutorService reading = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slotflow-git");
        thread.setDaemon(true);
        return thread;
    });

    /** How often the targets of running sessions are read for drift: one {@code git rev-parse} per target. */
    public static final java.time.Duration DRIFT_INTERVAL = java.time.Duration.ofSeconds(1);

    public GitWorkspaceRunner(SessionRunner inner) {
        this(inner, DRIFT_INTERVAL);
    }

    public GitWorkspaceRunner(SessionRunner inner, java.time.Duration driftInterval) {
        this.inner = inner;
        this.drift = new DriftWatch(driftInterval);
    }

    @Override
    public SessionHandle start(SessionRequest request) throws Exception {
        if (request.workspace().isEmpty()) {
            return inner.start(request);
        }
        GitTarget target = request.workspace().get();
        Path parent = request.logDirectory().getParent().resolve("worktrees");
        for (int earlier = request.attempt() - 1; earlier >= 1; earlier--) {
            Optional<AttemptWorkspace> queued = AttemptWorkspace.queued(target, request.runId(), request.node().id(),
                    earlier, parent);
            if (queued.isPresent()) {
                return resume(request, target, queued.get());
            }
        }
        AttemptWorkspace ws = AttemptWorkspace.create(target, request.runId(), request.node().id(), request.attempt(),
                parent);
        Attempt attempt = new Attempt(request, target, ws);
        Path driftFile = attempt.driftFile.orElseThrow(() ->
                new GitException("the new worktree " + ws.worktree().path() + " has no git directory"));
        DriftWatch.Watched watched = new DriftWatch.Watched(ws, request.node().footprint(), driftFile,
                request.drift());
        drift.watch(target, watched);
        SessionHandle session;
        try {
            session = inner.start(request.in(attempt.directory(), attempt.variables()));
        } catch (Exception e) {
            drift.forget(target, watched);
            throw e;
        }
        attempt.session = session;
        attempt.result = session.result().thenComposeAsync(ended -> {
            drift.forget(target, watched);
            return attempt.afterSession(ended);
        }, reading);
        return attempt;
    }

    private SessionHandle resume(SessionRequest request, GitTarget target, AttemptWorkspace ws) {
        Attempt attempt = new Attempt(request, target, ws);
        attempt.result = CompletableFuture.supplyAsync(() -> ws, reading)
                .thenCompose(w -> attempt.enterQueue(null, "resumed from " + w.worktree().branch() + ": "));
        return attempt;
    }

    @Override
    public void close() {
        drift.close();
        queue.close();
        reading.shutdownNow();
    }

    /** One attempt in its worktree: the session, then the queue. */
    private final class Attempt implements SessionHandle {

        private final SessionRequest request;
        private final GitTarget target;
        private final AttemptWorkspace ws;
        private final Gate gate;
        private final Optional<Path> driftFile;
        private volatile boolean stopped;
        private volatile SessionHandle session;
        private volatile CompletionStage<SessionResult> result;

        Attempt(SessionRequest request, GitTarget target, AttemptWorkspace ws) {
            this.request = request;
            this.target = target;
            this.ws = ws;
            this.gate = new Gate(target.gate());
            this.driftFile = ws.driftFile();
        }

        /** The plan's directory inside the worktree: relative workdirs keep their meaning. */
        Path directory() {
            Path worktree = Path.of(ws.worktree().path());
            try {
                Path top = Path.of(target.repository()).toRealPath();
                Path plan = request.planDirectory().toRealPath();
                return plan.startsWith(top) ? worktree.resolve(top.relativize(plan)) : worktree;
            } catch (IOException e) {
                return worktree;
            }
        }

        Map<String, String> variables() {
            Worktree w = ws.worktree();
            Map<String, String> variables = new HashMap<>(Map.of("SLOTFLOW_WORKTREE", w.path(), "SLOTFLOW_BRANCH",
                    w.branch(), "SLOTFLOW_BASE", w.base(), "SLOTFLOW_TARGET", w.target()));
            driftFile.ifPresent(f -> variables.put("SLOTFLOW_DRIFT_FILE", f.toString()));
            return variables;
        }

        CompletionStage<SessionResult> afterSession(SessionResult ended) {
            int commits = ws.commits();
            List<String> files = ws.changedFiles();
            List<String> undeclared = WriteCheck.undeclared(files, request.node().footprint());
            if (ended.outcome() != SessionOutcome.SUCCEEDED && ended.outcome() != SessionOutcome.NOOP) {
                return done(ended.outcome(), ended.exitCode(), ended.detail(),
                        work(commits, files, undeclared, MergeResult.NOT_MERGED, "", List.of(), 0, 0, true));
            }
            List<String> left = ws.uncommitted();
            switch (BranchVerdict.of(commits, left.size())) {
                case NOOP -> {
                    ws.remove();
                    return done(SessionOutcome.NOOP, ended.exitCode(), "no commit",
                            work(0, List.of(), List.of(), MergeResult.NOOP, "", List.of(), 0, 0, false));
                }
                case UNCOMMITTED -> {
                    return done(SessionOutcome.FAILED, ended.exitCode(), "left " + left.size()
                            + " uncommitted change(s) (" + Names.some(left) + ") in " + ws.worktree().path(),
                            work(commits, files, undeclared, MergeResult.UNCOMMITTED, "", List.of(), 0, 0, true));
                }
                default -> {
                    MergeMarks.markQueued(ws.repo(), ws.worktree().branch(), ws.worktree().base());
                    return enterQueue(ended.exitCode(), "");
                }
            }
        }

        CompletionStage<SessionResult> enterQueue(Integer exitCode, String prefix) {
            Optional<String> mergedBefore = MergeMarks.mergedCommit(ws.repo(), ws.worktree().branch());
            String head = mergedBefore.orElseGet(() -> ws.repo().commit(ws.branchRef()).orElse(ws.worktree().base()));
            String from = mergedBefore.isPresent() ? ws.worktree().base() : ws.ownBase();
            int commits = Integer.parseInt(ws.repo().must("rev-list", "--count", from + ".." + head));
            List<String> files = ws.repo().run("diff", "--name-only", "-z", "--no-renames", from, head).items();
            List<String> undeclared = WriteCheck.undeclared(files, request.node().footprint());
            Map<String, String> gateEnv = gateEnvironment();
            Path log = request.logDirectory().resolve(request.node().id() + ".attempt-" + request.attempt()
                    + ".gate.log");
            try {
                io.slotflow.persistence.OwnerOnly.createDirectories(request.logDirectory());
            } catch (IOException e) {
                throw new GitException("cannot create " + request.logDirectory() + ": " + e.getMessage());
            }
            if (mergedBefore.isEmpty()) {
                // the session's work is judged: its slot goes back to the pool while the branch waits
                request.queued().accept(new SessionRequest.QueuedBranch(ws.worktree().branch(), commits, files));
            }
            return queue.enqueue(new MergeQueue.Request(ws, target, gate, directory(), gateEnv, log, () -> stopped))
                    .thenApply(m -> finish(m, exitCode, prefix, commits, files, undeclared));
        }

        private SessionResult finish(MergeOutcome m, Integer exitCode, String prefix, int commits, List<String> files,
                List<String> undeclared) {
            boolean keep = m.result() != MergeResult.MERGED && m.result() != MergeResult.NOOP;
            if (!keep) {
                ws.remove();
            } else if (!stopped) {
                // a failed merge is final for this branch: a later attempt starts afresh from the tip
                MergeMarks.unmarkQueued(ws.repo(), ws.worktree().branch());
            }
            GitWork work = work(commits, files, undeclared, m.result(), m.merged(), m.conflicts(), m.queueWaitMillis(),
                    m.gateMillis(), keep);
            return switch (m.result()) {
                case MERGED -> new SessionResult(SessionOutcome.SUCCEEDED, exitCode, prefix + "merged into "
                        + target.branch() + " at " + m.merged().substring(0, 12), Optional.of(work));
                case NOOP -> new SessionResult(SessionOutcome.NOOP, exitCode, prefix + m.detail(), Optional.of(work));
                case CONFLICT -> new SessionResult(SessionOutcome.CONFLICT, exitCode, prefix + m.detail()
                        + "; worktree kept at " + ws.worktree().path(), Optional.of(work));
                default -> new SessionResult(SessionOutcome.FAILED, exitCode, prefix + m.detail()
                        + "; worktree kept at " + ws.worktree().path(), Optional.of(work));
            };
        }

        private GitWork work(int commits, List<String> files, List<String> undeclared, MergeResult result,
                String merged, List<String> conflicts, long waited, long gated, boolean kept) {
            return new GitWork(ws.worktree(), commits, files, undeclared, result, merged, conflicts, waited, gated,
                    kept ? ws.worktree().path() : "");
        }

        private CompletionStage<SessionResult> done(SessionOutcome outcome, Integer exitCode, String detail,
                GitWork work) {
            return CompletableFuture.completedFuture(new SessionResult(outcome, exitCode, detail, Optional.of(work)));
        }

        private Map<String, String> gateEnvironment() {
            Map<String, String> env = new HashMap<>();
            System.getenv().forEach((name, value) -> {
                if (!name.startsWith("SLOTFLOW_")) {
                    env.put(name, value);
                }
            });
            env.putAll(request.node().command().env());
            env.putAll(request.environment());
            env.putAll(variables());
            return env;
        }

        @Override
        public CompletionStage<SessionResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            stopped = true;
            SessionHandle s = session;
            if (s != null) {
                s.cancel();
            }
            gate.stop();
        }

        @Override
        public long pid() {
            SessionHandle s = session;
            return s == null ? 0 : s.pid();
        }

        @Override
        public Optional<Worktree> worktree() {
            return Optional.of(ws.worktree());
        }
    }
}
