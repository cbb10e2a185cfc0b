package io.slotflow.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.WorkspaceRefusedException;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Verifier;
import io.slotflow.workspace.GitWork;
import io.slotflow.workspace.MergeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans with a git workspace, run by the engine with real processes in real repositories. */
class GitWorkspacesTest {

    @TempDir
    Path dir;

    private TestRepo repo;
    private Path state;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(dir.resolve("repo"));
        state = dir.resolve("state");
    }

    private List<RunEvent> run(String plan, String runId, RunResult.Outcome expected) throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(300)))) {
            RunHandle run = engine.run(PlanParser.parse(plan, "plan.yaml"), new RunOptions(runId, repo.dir()));
            RunResult result;
            try {
                result = run.result().toCompletableFuture().get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the run did not end within 90 s; its journal so far: "
                        + engine.journal().events(runId), e);
            }
            List<RunEvent> journal = engine.journal().events(runId);
            assertThat(result.outcome()).as("%s", journal).isEqualTo(expected);
            assertThat(new Verifier().check(journal)).as("only what the sessions wrote may break a guarantee")
                    .allMatch(v -> v.guarantee() == Guarantee.DECLARED_WRITES);
            return journal;
        }
    }

    private static List<SessionFinished> finished(List<RunEvent> journal) {
        return journal.stream().filter(SessionFinished.class::isInstance).map(SessionFinished.class::cast).toList();
    }

    private static GitWork git(List<RunEvent> journal, String node, int attempt) {
        return finished(journal).stream().filter(f -> f.node().equals(node) && f.attempt() == attempt).findFirst()
                .orElseThrow().git().orElseThrow();
    }

    @Test
    void sessionsEditingDisjointFilesAllMergeAndTheirWorktreesGo() throws Exception {
        String plan = """
                run: {slots: 3}
                workspace: git
                specs:
                  - id: a
                    command: "echo a > a.txt && git add a.txt && git commit -qm 'add a'"
                    writes: [a.txt]
                  - id: b
                    command: "mkdir -p src/b && echo b > src/b/b.txt && git add src && git commit -qm 'add b'"
                    writes: [src/b]
                  - id: c
                    command: "echo c > c.txt && git add c.txt && git commit -qm 'add c' && echo $SLOTFLOW_TARGET $SLOTFLOW_BASE > ../env-$SLOTFLOW_NODE"
                    writes: [c.txt]
                """;
        List<RunEvent> journal = run(plan, "disjoint", RunResult.Outcome.SUCCEEDED);

        assertThat(new Verifier().check(journal)).isEmpty();
        assertThat(repo.subjects("main")).containsExactlyInAnyOrder("add a", "add b", "add c", "initial");
        assertThat(repo.subjects("main").get(3)).isEqualTo("initial");
        assertThat(finished(journal)).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
            assertThat(f.git().orElseThrow().result()).isEqualTo(MergeResult.MERGED);
            assertThat(f.git().orElseThrow().undeclared()).isEmpty();
            assertThat(f.git().orElseThrow().commits()).isEqualTo(1);
        });
        assertThat(git(journal, "b:0", 1).files()).containsExactly("src/b/b.txt");
        assertThat(repo.branches()).containsExactly("main");
        assertThat(repo.worktrees()).isEqualTo(1);
        // the main worktree, which has main checked out, follows the merges
        assertThat(Files.readString(repo.dir().resolve("src/b/b.txt"))).isEqualTo("b\n");
        assertThat(repo.git("status", "--porcelain", "--untracked-files=no")).isEmpty();
        SessionStarted c = journal.stream().filter(e -> e instanceof SessionStarted s && s.node().equals("c:0"))
                .map(SessionStarted.class::cast).findFirst().orElseThrow();
        assertThat(Files.readString(state.resolve("runs/disjoint/worktrees/env-c:0")).trim())
                .isEqualTo("main " + c.worktree().orElseThrow().base());
    }

    @Test
    void twoSessionsEditingTheSameLinesUndeclaredGiveOneMergeAndOneConflictThatRerunsOnTheNewTip() throws Exception {
        // each waits until both have started, so both branch from the same tip
        Path edit = dir.resolve("edit.sh");
        Files.writeString(edit, """
                touch "$MARKS/started-$SLOTFLOW_NODE"
                waited=0
                while [ ! -e "$MARKS/started-x:0" ] || [ ! -e "$MARKS/started-y:0" ]; do
                  # the other never started: fail, so that the run ends and its journal says why
                  waited=$((waited + 1)); [ "$waited" -gt 1200 ] && exit 3
                  sleep 0.05
                done
                printf 'one\\n%s\\nthree\\n' "$SLOTFLOW_NODE" > shared.txt
                git commit -qam "edit by $SLOTFLOW_NODE"
                """);
        String plan = """
                run: {slots: 2}
                workspace: git
                classes:
                  implementation: {max-attempts: 1}
                specs:
                  - id: x
                    command: sh %1$s
                    env: {MARKS: %2$s}
                    writes: [x]
                  - id: y
                    command: sh %1$s
                    env: {MARKS: %2$s}
                    writes: [y]
                """.formatted(edit, dir);
        List<RunEvent> journal = run(plan, "overlap", RunResult.Outcome.SUCCEEDED);

        List<SessionFinished> conflicts = finished(journal).stream()
                .filter(f -> f.outcome() == SessionOutcome.CONFLICT).toList();
        assertThat(conflicts).hasSize(1);
        SessionFinished conflict = conflicts.get(0);
        assertThat(conflict.git().orElseThrow().conflicts()).containsExactly("shared.txt");
        assertThat(conflict.git().orElseThrow().undeclared()).containsExactly("shared.txt");
        assertThat(conflict.detail()).contains("conflicts in shared.txt");
        String loser = conflict.node();
        String winner = loser.equals("x:0") ? "y:0" : "x:0";
        String winnerMerge = git(journal, winner, 1).merged();
        // the rerun starts from the tip the winner's merge made
        SessionStarted rerun = journal.stream().filter(e -> e instanceof SessionStarted s && s.node().equals(loser)
                && s.attempt() == 2).map(SessionStarted.class::cast).findFirst().orElseThrow();
        assertThat(rerun.worktree().orElseThrow().base()).isEqualTo(winnerMerge);
        assertThat(git(journal, loser, 2).result()).isEqualTo(MergeResult.MERGED);
        assertThat(repo.subjects("main")).containsExactly("edit by " + loser, "edit by " + winner, "initial");
        assertThat(Files.readString(repo.dir().resolve("shared.txt"))).isEqualTo("one\n" + loser + "\nthree\n");
        // the writes nobody declared, and the two sessions that changed the same file at once, are reported
        List<String> reported = new Verifier().check(journal).stream().map(v -> v.message()).toList();
        assertThat(reported).containsOnlyOnce(loser + " and " + winner
                + " ran at the same time and both changed shared.txt");
        assertThat(reported).filteredOn(m -> m.contains("outside its declared writes")).hasSize(3);
        io.slotflow.metrics.GitTelemetry t = io.slotflow.metrics.GitTelemetry.of(journal);
        assertThat(t.count(MergeResult.MERGED)).isEqualTo(2);
        assertThat(t.count(MergeResult.CONFLICT)).isEqualTo(1);
        // the conflicting worktree is kept for inspection
        assertThat(Path.of(conflict.git().orElseThrow().kept())).isDirectory();
    }

    @Test
    void theSlotIsFreeWhileTheBranchWaitsInTheQueueAndADependentStartsFromTheMerge() throws Exception {
        // one slot; a's gate holds a's merge until b's session has run, which needs a's slot: with the
        // slot held through the queue this would wait for ever (the gate gives up after a minute)
        Path marks = Files.createDirectories(dir.resolve("marks"));
        String plan = """
                run: {slots: 1}
                workspace:
                  type: git
                  gate: "if [ $SLOTFLOW_NODE = a:0 ]; then i=0; while [ ! -e %1$s/b-ran ]; do i=$((i+1)); [ $i -gt 1200 ] && exit 7; sleep 0.05; done; fi"
                specs:
                  - id: a
                    command: "echo a > a.txt && git add a.txt && git commit -qm 'add a'"
                    writes: [a.txt]
                    estimate: 10m
                  - id: b
                    command: "touch %1$s/b-ran && echo b > b.txt && git add b.txt && git commit -qm 'add b'"
                    writes: [b.txt]
                  - id: c
                    depends-on: [a]
                    command: "echo c > c.txt && git add c.txt && git commit -qm 'add c'"
                    writes: [c.txt]
                """.formatted(marks);
        List<RunEvent> journal = run(plan, "freed", RunResult.Outcome.SUCCEEDED);

        assertThat(new Verifier().check(journal)).isEmpty();
        assertThat(repo.subjects("main")).containsExactlyInAnyOrder("add a", "add b", "add c", "initial");
        int aQueued = indexOf(journal, e -> e instanceof io.slotflow.event.BranchQueued q && q.node().equals("a:0"));
        int bDispatched = indexOf(journal, e -> e instanceof io.slotflow.event.NodeDispatched d
                && d.node().equals("b:0"));
        int aFinished = indexOf(journal, e -> e instanceof SessionFinished f && f.node().equals("a:0"));
        assertThat(aQueued).as("a's branch is queued, then b takes the slot, then a merges")
                .isLessThan(bDispatched).isLessThan(aFinished);
        io.slotflow.event.BranchQueued queued = (io.slotflow.event.BranchQueued) journal.get(aQueued);
        assertThat(queued.files()).containsExactly("a.txt");
        assertThat(queued.commits()).isEqualTo(1);
        assertThat(git(journal, "a:0", 1).result()).isEqualTo(MergeResult.MERGED);
        // c depends on a: it starts only once a merged, from the tip a's merge made (or a later one)
        SessionStarted c = journal.stream().filter(e -> e instanceof SessionStarted s && s.node().equals("c:0"))
                .map(SessionStarted.class::cast).findFirst().orElseThrow();
        assertThat(indexOf(journal, e -> e == c)).isGreaterThan(aFinished);
        assertThat(repo.isAncestor(git(journal, "a:0", 1).merged(), c.worktree().orElseThrow().base())).isTrue();
    }

    private static int indexOf(List<RunEvent> journal, java.util.function.Predicate<RunEvent> which) {
        for (int i = 0; i < journal.size(); i++) {
            if (which.test(journal.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such event in " + journal);
    }

    @Test
    void aFailingGateFailsTheNodeWithItsLogAndLeavesTheTargetAlone() throws Exception {
        String before = repo.tip("main");
        String plan = """
                workspace: {type: git, gate: "echo checking; test ! -e bad.txt"}
                classes:
                  implementation: {max-attempts: 1}
                specs:
                  - id: bad
                    command: "echo x > bad.txt && git add bad.txt && git commit -qm bad"
                    writes: [bad.txt]
                """;
        List<RunEvent> journal = run(plan, "gate", RunResult.Outcome.FAILED);

        SessionFinished f = finished(journal).get(0);
        assertThat(f.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(f.git().orElseThrow().result()).isEqualTo(MergeResult.GATE_FAILED);
        assertThat(f.detail()).contains("gate failed (exit 1)").contains("bad:0.attempt-1.gate.log");
        assertThat(Files.readString(state.resolve("runs/gate/logs/bad:0.attempt-1.gate.log"))).isEqualTo("checking\n");
        assertThat(repo.tip("main")).isEqualTo(before);
        assertThat(Path.of(f.git().orElseThrow().kept()).resolve("bad.txt")).exists();
    }

    @Test
    void aSessionThatCommitsNothingIsANoopAndOneThatLeavesChangesFails() throws Exception {
        String plan = """
                workspace: git
                classes:
                  implementation: {max-attempts: 1}
                specs:
                  - id: idle
                    command: "true"
                  - id: sloppy
                    command: "echo half > half.txt && echo more >> shared.txt"
                """;
        List<RunEvent> journal = run(plan, "noop", RunResult.Outcome.FAILED);

        SessionFinished idle = finished(journal).stream().filter(f -> f.node().equals("idle:0")).findFirst().orElseThrow();
        assertThat(idle.outcome()).isEqualTo(SessionOutcome.NOOP);
        assertThat(idle.git().orElseThrow().result()).isEqualTo(MergeResult.NOOP);
        assertThat(journal).anyMatch(e -> e instanceof NodeSucceeded s && s.node().equals("idle:0") && s.noop());
        SessionFinished sloppy = finished(journal).stream().filter(f -> f.node().equals("sloppy:0")).findFirst()
                .orElseThrow();
        assertThat(sloppy.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(sloppy.git().orElseThrow().result()).isEqualTo(MergeResult.UNCOMMITTED);
        assertThat(sloppy.detail()).contains("left 2 uncommitted change(s)").contains("half.txt").contains("shared.txt");
        assertThat(repo.subjects("main")).containsExactly("initial");
    }

    @Test
    void aCommitPushedToTheTargetMidRunIsRebasedOver() throws Exception {
        Path started = dir.resolve("started");
        Path go = dir.resolve("go");
        String plan = """
                workspace: git
                specs:
                  - id: late
                    command: "touch %s; while [ ! -e %s ]; do sleep 0.05; done; echo late > late.txt && git add late.txt && git commit -qm late"
                    writes: [late.txt]
                """.formatted(started, go);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(300)))) {
            RunHandle run = engine.run(PlanParser.parse(plan, "plan.yaml"), new RunOptions("pushed", repo.dir()));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
            repo.write("other.txt", "someone else\n");
            repo.git("add", "other.txt");
            repo.git("commit", "-q", "-m", "pushed by someone else");
            String pushed = repo.tip("main");
            Files.createFile(go);
            RunResult result = run.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(repo.subjects("main")).containsExactly("late", "pushed by someone else", "initial");
            assertThat(repo.git("rev-parse", "main^")).isEqualTo(pushed);
            GitWork work = git(engine.journal().events("pushed"), "late:0", 1);
            assertThat(work.worktree().base()).isNotEqualTo(pushed);
            assertThat(work.merged()).isEqualTo(repo.tip("main"));
            assertThat(work.files()).containsExactly("late.txt");
        }
    }

    @Test
    void aSessionIsToldWhenTheTargetMovesOverAFileItChangedAndRebasesBeforeItEnds() throws Exception {
        repo.write("shared.txt", "one\n2\n3\n4\n5\n6\n7\n8\nnine\n");
        repo.git("add", "shared.txt");
        repo.git("commit", "-q", "-m", "shared");
        Path started = dir.resolve("started");
        Path told = dir.resolve("told");
        Path rebased = dir.resolve("rebased");
        Path toldAgain = dir.resolve("told-again");
        Path agent = dir.resolve("agent.sh");
        Files.writeString(agent, """
                sed -i 1s/.*/mine/ shared.txt
                touch "$1"
                i=0
                while [ ! -s "$SLOTFLOW_DRIFT_FILE" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done
                cp "$SLOTFLOW_DRIFT_FILE" "$2"
                git commit -qam mine
                git rebase -q "$(grep '^tip ' "$SLOTFLOW_DRIFT_FILE" | cut -d' ' -f2)"
                first=$(grep '^tip ' "$SLOTFLOW_DRIFT_FILE")
                touch "$3"
                while grep -qx "$first" "$SLOTFLOW_DRIFT_FILE" && [ $i -lt 2400 ]; do sleep 0.05; i=$((i+1)); done
                cp "$SLOTFLOW_DRIFT_FILE" "$4"
                """);
        String plan = """
                workspace: git
                specs:
                  - id: drift
                    command: "sh %s %s %s %s %s"
                    writes: [shared.txt]
                """.formatted(agent, started, told, rebased, toldAgain);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(300)))) {
            RunHandle run = engine.run(PlanParser.parse(plan, "plan.yaml"), new RunOptions("drift", repo.dir()));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(started));
            String base = repo.tip("main");
            repo.write("shared.txt", "one\n2\n3\n4\n5\n6\n7\n8\ntheirs\n");
            repo.write("elsewhere.txt", "not the session's\n");
            repo.git("add", "shared.txt", "elsewhere.txt");
            repo.git("commit", "-q", "-m", "pushed over shared.txt");
            String pushed = repo.tip("main");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(rebased));
            // the target moves again, over shared.txt and elsewhere.txt: the session rebased onto the
            // commit that brought elsewhere.txt, so only shared.txt is its business
            repo.write("shared.txt", "one\n2\n3\n4\n5\n6\n7\n8\ntheirs again\n");
            repo.write("elsewhere.txt", "still not the session's\n");
            repo.git("commit", "-q", "-am", "pushed again");
            String again = repo.tip("main");
            RunResult result = run.result().toCompletableFuture().get(90, TimeUnit.SECONDS);
            List<RunEvent> journal = engine.journal().events("drift");
            assertThat(result.outcome()).as("%s", journal).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(Files.readString(told)).as("the drift file names the new tip and the file both touched")
                    .isEqualTo("target main\nbase " + base + "\ntip " + pushed + "\nfile shared.txt\n");
            List<io.slotflow.event.DriftSeen> drifts = journal.stream()
                    .filter(io.slotflow.event.DriftSeen.class::isInstance).map(io.slotflow.event.DriftSeen.class::cast)
                    .toList();
            assertThat(Files.readString(toldAgain)).as("from where it rebased: elsewhere.txt came with that commit")
                    .isEqualTo("target main\nbase " + pushed + "\ntip " + again + "\nfile shared.txt\n");
            assertThat(drifts).hasSize(2);
            assertThat(drifts).extracting(io.slotflow.event.DriftSeen::node).containsOnly("drift:0");
            assertThat(drifts).extracting(io.slotflow.event.DriftSeen::tip).containsExactly(pushed, again);
            assertThat(drifts).allSatisfy(d -> assertThat(d.files()).containsExactly("shared.txt"));
            assertThat(journal.indexOf(drifts.get(1))).as("journaled while the session ran")
                    .isLessThan(journal.indexOf(finished(journal).get(0)));
            assertThat(repo.subjects("main")).containsExactly("mine", "pushed again", "pushed over shared.txt", "shared",
                    "initial");
            assertThat(repo.git("show", "main:shared.txt")).isEqualTo("mine\n2\n3\n4\n5\n6\n7\n8\ntheirs again");
            GitWork work = git(journal, "drift:0", 1);
            assertThat(work.commits()).as("the commit it rebased onto is not its own").isEqualTo(1);
            assertThat(work.files()).containsExactly("shared.txt");
            assertThat(work.undeclared()).isEmpty();
        }
    }

    @Test
    void theGitAgentsExampleMergesEveryBranchOrSaysWhyNot() throws Exception {
        Path example = dir.resolve("agents");
        Process made = new ProcessBuilder("sh", Path.of("../docs/examples/git-agents.sh").toAbsolutePath().toString(),
                example.toString()).redirectErrorStream(true).start();
        assertThat(made.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(made.exitValue()).as(new String(made.getInputStream().readAllBytes())).isZero();
        TestRepo agents = TestRepo.open(example);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(300)))) {
            RunResult result = engine.run(PlanParser.parse(example.resolve("git-agents.yaml")),
                    new RunOptions("agents", example)).result().toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            io.slotflow.metrics.GitTelemetry t = io.slotflow.metrics.GitTelemetry.of(engine.journal().events("agents"));
            assertThat(t.count(MergeResult.NOOP)).isEqualTo(1);
            assertThat(t.count(MergeResult.CONFLICT)).isEqualTo(1);
            assertThat(t.count(MergeResult.MERGED)).isEqualTo(10);
        }
        assertThat(agents.subjects("main")).hasSize(11);
        // only the branch that conflicted is kept, for inspection
        assertThat(agents.branches()).filteredOn(b -> !b.equals("main")).singleElement()
                .satisfies(b -> assertThat(b).matches("slotflow/agents/owner-[ab]%3A0/1"));
        assertThat(agents.git("status", "--porcelain")).isEmpty();
    }

    @Test
    void aMainWorktreeWithUncommittedChangesIsRefusedBeforeAnythingRuns() throws Exception {
        repo.write("shared.txt", "changed but not committed\n");
        Path ran = dir.resolve("ran");
        String plan = """
                workspace: git
                specs:
                  - id: a
                    command: "touch %s"
                """.formatted(ran);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            assertThatThrownBy(() -> engine.run(PlanParser.parse(plan, "plan.yaml"), new RunOptions("dirty", repo.dir())))
                    .isInstanceOf(WorkspaceRefusedException.class)
                    .hasMessage("workspace: the main worktree " + repo.dir().toRealPath()
                            + " has uncommitted changes (shared.txt): commit or stash them before the run");
            assertThatThrownBy(() -> engine.journal().events("dirty")).as("nothing of the run was journaled")
                    .isInstanceOf(java.util.NoSuchElementException.class);
        }
        assertThat(ran).doesNotExist();
        assertThat(repo.branches()).containsExactly("main");
    }
}
