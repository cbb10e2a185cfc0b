package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.core.Rejection;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeCancelled;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator cancels one node of a running run: through the real engine, real processes, the H2 journal. */
class NodeCancelTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static List<String> dispatched(List<RunEvent> journal) {
        return journal.stream().filter(NodeDispatched.class::isInstance).map(e -> ((NodeDispatched) e).node()).toList();
    }

    private static boolean started(RunHandle run, Slotflow engine, String node) {
        return journal(engine, run.runId()).stream()
                .anyMatch(e -> e instanceof SessionStarted s && s.node().equals(node));
    }

    /** The run's events so far; none before its plan is accepted. */
    private static List<RunEvent> journal(Slotflow engine, String runId) {
        try {
            return engine.journal().events(runId);
        } catch (java.util.NoSuchElementException notYet) {
            return List.of();
        }
    }

    private static Rejection refusal(java.util.concurrent.CompletionStage<Void> cancel) {
        try {
            cancel.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            assertThat(cause).isInstanceOf(ControlRefused.class);
            return ((ControlRefused) cause).kind();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the cancel was taken");
    }

    @Test
    void aWaitingNodeNeverRunsItsDependentsAreBlockedAndTheRestOfTheRunGoesOn() throws Exception {
        // K = 1: 'first' holds the slot until the gate opens; 'victim' waits in the queue, 'late' for 'first'
        Plan plan = PlanParser.parse("""
                name: cancel-waiting
                run: {slots: 1}
                specs:
                  - id: s
                    groups:
                      - {id: first, command: 'while [ ! -f gate ]; do sleep 0.05; done', writes: [first]}
                      - {id: victim, command: echo ran > victim.ran, writes: [victim]}
                      - {id: child, command: echo ran > child.ran, writes: [child], depends-on: [victim]}
                      - {id: late, command: echo ran > late.ran, writes: [late], depends-on: [first]}
                      - {id: other, command: echo ran > other.ran, writes: [other]}
                """, "cancel-waiting.yaml");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir.resolve("state")), new ProcessRunner())) {
            RunHandle run = engine.run(plan, new RunOptions("cw", dir));
            await().atMost(WAIT).until(() -> started(run, engine, "s:first"));
            assertThat(dispatched(engine.journal().events("cw"))).containsExactly("s:first");

            run.cancelNode("s:victim", "alice", "not needed").toCompletableFuture().get(30, TimeUnit.SECONDS);
            run.cancelNode("s:late", "alice", "").toCompletableFuture().get(30, TimeUnit.SECONDS);
            int journaled = engine.journal().events("cw").size();
            assertThat(refusal(run.cancelNode("s:nope", "alice", ""))).isEqualTo(Rejection.UNKNOWN);
            assertThat(refusal(run.cancelNode("s:victim", "alice", ""))).as("cancelled already")
                    .isEqualTo(Rejection.NODE_CONFLICT);
            assertThat(engine.journal().events("cw")).as("a refusal journals nothing").hasSize(journaled);

            Files.writeString(dir.resolve("gate"), "");
            RunResult result = run.result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.outcome()).as("completed with failures").isEqualTo(RunResult.Outcome.FAILED);
            assertThat(result.counts()).containsEntry(NodeLifecycle.State.CANCELLED, 2)
                    .containsEntry(NodeLifecycle.State.BLOCKED, 1).containsEntry(NodeLifecycle.State.SUCCEEDED, 2);

            List<RunEvent> journal = engine.journal().events("cw");
            assertThat(dispatched(journal)).containsExactlyInAnyOrder("s:first", "s:other");
            assertThat(journal).filteredOn(NodeCancelled.class::isInstance).extracting(e -> (NodeCancelled) e)
                    .extracting(NodeCancelled::node, NodeCancelled::attempt, NodeCancelled::by, NodeCancelled::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("s:victim", 1, "alice", "not needed"),
                            org.assertj.core.groups.Tuple.tuple("s:late", 0, "alice", ""));
            assertThat(journal).filteredOn(NodeBlocked.class::isInstance).singleElement()
                    .isEqualTo(journal.stream().filter(e -> e instanceof NodeBlocked b && b.node().equals("s:child")
                            && b.blockedBy().equals("s:victim")).findFirst().orElseThrow());
            assertThat(dir.resolve("other.ran")).exists();
            assertThat(dir.resolve("victim.ran")).doesNotExist();
            assertThat(dir.resolve("child.ran")).doesNotExist();
            assertThat(dir.resolve("late.ran")).doesNotExist();
            assertThat(new Verifier().check(journal)).isEmpty();

            int after = journal.size();
            assertThat(refusal(run.cancelNode("s:first", "alice", ""))).as("the run has ended").isIn(
                    Rejection.NODE_CONFLICT, Rejection.NOT_RUNNING);
            assertThat(engine.journal().events("cw")).hasSize(after);
        }
    }

    @Test
    void aRunningNodesProcessTreeIsStoppedAndTheNodeIsRecordedCancelledNotRetried() throws Exception {
        Plan plan = PlanParser.parse("""
                name: cancel-running
                run: {slots: 2}
                classes:
                  implementation: {max-attempts: 3}
                specs:
                  - id: s
                    groups:
                      - {id: stuck, command: 'sleep 300 & sleep 301; wait', writes: [stuck]}
                      - {id: after, command: echo ran > after.ran, writes: [after], depends-on: [stuck]}
                      - {id: other, command: 'while [ ! -f gate ]; do sleep 0.05; done', writes: [other]}
                """, "cancel-running.yaml");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir.resolve("state")),
                new ProcessRunner(Duration.ofMillis(500)))) {
            RunHandle run = engine.run(plan, new RunOptions("cr", dir));
            await().atMost(WAIT).until(() -> started(run, engine, "s:stuck"));
            long pid = engine.journal().events("cr").stream().filter(e -> e instanceof SessionStarted s
                    && s.node().equals("s:stuck")).map(e -> ((SessionStarted) e).pid()).findFirst().orElseThrow();
            ProcessHandle session = ProcessHandle.of(pid).orElseThrow();
            await().atMost(WAIT).until(() -> session.descendants().count() >= 2);
            List<ProcessHandle> tree = new java.util.ArrayList<>(session.descendants().toList());
            tree.add(session);

            run.cancelNode("s:stuck", "bob", "stuck on a lock").toCompletableFuture().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
            await().atMost(WAIT).until(() -> journal(engine, "cr").stream()
                    .anyMatch(e -> e instanceof SessionFinished f && f.node().equals("s:stuck")));
            assertThat(run.status().running()).as("the other session goes on").singleElement()
                    .matches(r -> r.node().equals("s:other"));

            Files.writeString(dir.resolve("gate"), "");
            RunResult result = run.result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            List<RunEvent> journal = engine.journal().events("cr");
            assertThat(journal).filteredOn(e -> e instanceof SessionFinished f && f.node().equals("s:stuck"))
                    .singleElement().matches(e -> ((SessionFinished) e).outcome() == SessionOutcome.CANCELLED);
            assertThat(dispatched(journal)).as("not retried, although 3 attempts were allowed")
                    .containsExactlyInAnyOrder("s:stuck", "s:other");
            assertThat(run.status().failed()).extracting(n -> n.id() + " " + n.state() + " " + n.detail())
                    .containsExactlyInAnyOrder("s:stuck CANCELLED cancelled by bob (stuck on a lock)",
                            "s:after BLOCKED blocked by s:stuck");
            assertThat(dir.resolve("after.ran")).doesNotExist();
            assertThat(new Verifier().check(journal)).isEmpty();
        }
    }
}
