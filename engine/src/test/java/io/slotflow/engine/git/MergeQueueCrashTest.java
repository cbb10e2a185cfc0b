package io.slotflow.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.CrashTarget;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import io.slotflow.workspace.MergeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine, in a child JVM, is killed with SIGKILL while a branch is in the merge queue — during
 * the rebase, during the gate, between the gate and the ref update — and the run resumed in this
 * JVM: each node is merged exactly once, and its session does not run again.
 */
class MergeQueueCrashTest {

    @TempDir
    Path dir;

    private TestRepo repo;
    private Path marks;
    private Path state;

    @BeforeEach
    void repository() throws Exception {
        repo = TestRepo.create(dir.resolve("repo"));
        marks = Files.createDirectories(dir.resolve("marks"));
        state = dir.resolve("state");
    }

    private Path plan(String gate) throws Exception {
        Path plan = repo.dir().resolve("plan.yaml"); // untracked: the main worktree stays clean
        Files.writeString(plan, """
                workspace: {type: git, gate: "%s"}
                specs:
                  - id: work
                    command: "echo ran >> %s/sessions; while [ ! -e %s/go ]; do sleep 0.05; done; echo w > w.txt && git add w.txt && git commit -qm work"
                    writes: [w.txt]
                """.formatted(gate, marks, marks));
        return plan;
    }

    private void hook(String name, String body) throws Exception {
        Path hook = repo.dir().resolve(".git/hooks").resolve(name);
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process engineInChild(Path plan) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(),
                state.toString(), "crash", plan.toString(), "process")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private void killWhen(Process child, Path mark) throws Exception {
        await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(mark) || !child.isAlive());
        assertThat(child.isAlive()).as("the engine is still running at %s", mark.getFileName()).isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private List<RunEvent> resume(Path plan) throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(300)))) {
            RunResult result = engine.run(PlanParser.parse(plan), new RunOptions("crash", plan.getParent())).result()
                    .toCompletableFuture().get(90, TimeUnit.SECONDS);
            List<RunEvent> journal = engine.journal().events("crash");
            assertThat(result.outcome()).as("%s", journal).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(new Verifier().check(journal)).isEmpty();
            return journal;
        }
    }

    private void assertMergedOnce(List<RunEvent> journal) throws Exception {
        assertThat(repo.subjects("main")).filteredOn("work"::equals).hasSize(1);
        assertThat(journal).filteredOn(e -> e instanceof NodeSucceeded).hasSize(1);
        List<SessionFinished> finished = journal.stream().filter(SessionFinished.class::isInstance)
                .map(SessionFinished.class::cast).toList();
        assertThat(finished).extracting(SessionFinished::outcome)
                .containsExactly(SessionOutcome.LOST, SessionOutcome.SUCCEEDED);
        assertThat(finished.get(1).git().orElseThrow().result()).isEqualTo(MergeResult.MERGED);
        assertThat(finished.get(1).git().orElseThrow().merged()).isEqualTo(repo.tip("main"));
        assertThat(finished.get(1).detail()).startsWith("resumed from slotflow/crash/work%3A0/1: ");
        assertThat(Files.readAllLines(marks.resolve("sessions"))).as("the session ran once").hasSize(1);
        assertThat(repo.git("for-each-ref", "refs/slotflow/queued")).isEmpty();
    }

    @Test
    void killedDuringTheGate() throws Exception {
        Files.createFile(marks.resolve("go"));
        Path plan = plan("touch " + marks + "/gating; while [ ! -e " + marks + "/release ]; do sleep 0.05; done");
        killWhen(engineInChild(plan), marks.resolve("gating"));
        Files.createFile(marks.resolve("release")); // the orphaned gate ends; nothing listens to it
        assertMergedOnce(resume(plan));
    }

    @Test
    void killedDuringTheRebase() throws Exception {
        // the target moves while the session works, so its branch must be rebased; the first rebase
        // is held until the engine is dead, then refused
        hook("pre-rebase", "if [ ! -e " + marks + "/rebase-held ]; then touch " + marks + "/rebase-held; "
                + "while [ ! -e " + marks + "/release ]; do sleep 0.05; done; exit 1; fi\n");
        Path plan = plan("");
        Process child = engineInChild(plan);
        await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(marks.resolve("sessions")));
        repo.write("other.txt", "someone else\n");
        repo.git("add", "other.txt");
        repo.git("commit", "-q", "-m", "pushed by someone else");
        Files.createFile(marks.resolve("go"));
        killWhen(child, marks.resolve("rebase-held"));
        Files.createFile(marks.resolve("release"));
        List<RunEvent> journal = resume(plan);
        assertMergedOnce(journal);
        assertThat(repo.subjects("main")).containsExactly("work", "pushed by someone else", "initial");
    }

    @Test
    void killedBetweenTheGateAndTheRefUpdateThatThenLandsWhileTheEngineIsDown() throws Exception {
        Files.createFile(marks.resolve("go"));
        // the ref transaction that moves main waits, prepared, until the engine is dead, then commits
        hook("reference-transaction", "if [ \"$1\" = prepared ] && grep -q ' refs/heads/main$' "
                + "&& [ ! -e " + marks + "/cas-held ]; then touch " + marks + "/cas-held; "
                + "while [ ! -e " + marks + "/release ]; do sleep 0.05; done; fi\nexit 0\n");
        Path plan = plan("true");
        String before = repo.tip("main");
        killWhen(engineInChild(plan), marks.resolve("cas-held"));
        Files.createFile(marks.resolve("release"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !repo.tip("main").equals(before));
        assertMergedOnce(resume(plan));
    }

    @Test
    void killedWhileItsBranchWaitsInTheQueueWithItsSlotGivenToAnother() throws Exception {
        Files.createFile(marks.resolve("go"));
        // one slot: `other` can run only once `work`'s branch is queued and its slot free, and work's
        // gate holds until then; the engine dies with work's branch-queued journaled and no outcome
        Path plan = repo.dir().resolve("plan.yaml");
        Files.writeString(plan, """
                run: {slots: 1}
                workspace:
                  type: git
                  gate: "if [ $SLOTFLOW_NODE = work:0 ]; then touch %2$s/gating; while [ ! -e %2$s/release ]; do sleep 0.05; done; fi"
                specs:
                  - id: work
                    command: "echo ran >> %2$s/sessions; echo w > w.txt && git add w.txt && git commit -qm work"
                    writes: [w.txt]
                    estimate: 10m
                  - id: other
                    command: "touch %2$s/other-ran; echo o > o.txt && git add o.txt && git commit -qm other"
                    writes: [o.txt]
                """.formatted("", marks));
        Process child = engineInChild(plan);
        killWhen(child, marks.resolve("other-ran"));
        assertThat(Files.exists(marks.resolve("gating"))).isTrue();
        Files.createFile(marks.resolve("release"));
        List<RunEvent> journal = resume(plan);

        assertThat(repo.subjects("main")).filteredOn("work"::equals).hasSize(1);
        assertThat(repo.subjects("main")).filteredOn("other"::equals).hasSize(1);
        assertThat(Files.readAllLines(marks.resolve("sessions"))).as("work's session ran once").hasSize(1);
        assertThat(journal).filteredOn(e -> e instanceof io.slotflow.event.BranchQueued q && q.node().equals("work:0")
                && q.attempt() == 1).hasSize(1);
        List<SessionFinished> work = journal.stream().filter(e -> e instanceof SessionFinished f
                && f.node().equals("work:0")).map(SessionFinished.class::cast).toList();
        assertThat(work).extracting(SessionFinished::outcome)
                .containsExactly(SessionOutcome.LOST, SessionOutcome.SUCCEEDED);
        assertThat(work.get(0).detail()).isEqualTo("the engine stopped while its branch waited in the merge queue");
        assertThat(work.get(1).detail()).startsWith("resumed from slotflow/crash/work%3A0/1: ");
        assertThat(work.get(1).git().orElseThrow().result()).isEqualTo(MergeResult.MERGED);
        assertThat(journal).filteredOn(e -> e instanceof NodeSucceeded).hasSize(2);
        assertThat(repo.git("for-each-ref", "refs/slotflow/queued")).isEmpty();
    }
}
