package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeCancelled;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunEvent;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes cancelled before a {@code kill -9} stay cancelled when the run resumes (nothing of them is
 * dispatched again, their dependents stay blocked), and {@code retry} of the finished run runs them.
 */
class NodeCancelCrashTest {

    private static final String PLAN = """
            name: cancel-crash
            run: {slots: 2}
            specs:
              - id: s
                groups:
                  - {id: first, command: 'if [ -f fixed ]; then echo ran >> first.ran; else sleep 300; fi', writes: [first]}
                  - {id: victim, command: echo ran >> victim.ran, writes: [victim], depends-on: [first]}
                  - {id: child, command: echo ran >> child.ran, writes: [child], depends-on: [victim]}
                  - {id: other, command: 'while [ ! -f gate ]; do sleep 0.05; done; echo ran >> other.ran', writes: [other]}
            """;

    @TempDir
    Path dir;

    private static List<String> dispatched(List<RunEvent> journal) {
        return journal.stream().filter(NodeDispatched.class::isInstance)
                .map(e -> ((NodeDispatched) e).node() + "#" + ((NodeDispatched) e).attempt()).toList();
    }

    @Test
    void cancelledNodesStayCancelledAfterAKillMinus9AndARetryRunsThem() throws Exception {
        Path planFile = Files.writeString(dir.resolve("cancel-crash.yaml"), PLAN);
        Path state = dir.resolve("state");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NodeCancelCrashTarget.class.getName(),
                state.toString(), "cc", planFile.toString())
                .redirectErrorStream(true)
                .start();
        boolean cancelled = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            StringBuilder said = new StringBuilder();
            while (!cancelled && (line = out.readLine()) != null) {
                cancelled = line.equals("cancelled");
                said.append(line).append('\n');
            }
            assertThat(cancelled).as("the child's output:\n" + said).isTrue();
            child.destroyForcibly(); // SIGKILL, right after the cancels were journaled
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cancelled).as("the child cancelled the nodes before it was killed").isTrue();

        Files.writeString(dir.resolve("gate"), "");
        Plan plan = PlanParser.parse(planFile);
        RunOptions options = new RunOptions("cc", dir);
        long othersBefore;
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            RunResult resumed = engine.run(plan, options).result().toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(resumed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(resumed.counts()).containsEntry(NodeLifecycle.State.CANCELLED, 2)
                    .containsEntry(NodeLifecycle.State.BLOCKED, 1);
            List<RunEvent> journal = engine.journal().events("cc");
            assertThat(dispatched(journal)).as("nothing cancelled ran again after the resume")
                    .doesNotContain("s:victim#1", "s:first#2", "s:child#1").contains("s:first#1");
            assertThat(journal).filteredOn(NodeCancelled.class::isInstance).hasSize(2);
            assertThat(dir.resolve("victim.ran")).doesNotExist();
            assertThat(dir.resolve("other.ran")).exists(); // by its session here, or by the killed engine's too
            assertThat(new Verifier().check(journal)).isEmpty();
            othersBefore = dispatched(journal).stream().filter(d -> d.startsWith("s:other#")).count();
        }

        Files.writeString(dir.resolve("fixed"), "");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            RunResult retried = engine.retry(plan, options).result().toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(retried.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("cc");
            assertThat(journal).filteredOn(NodesReopened.class::isInstance).singleElement()
                    .extracting(e -> ((NodesReopened) e).nodes()).asList()
                    .containsExactlyInAnyOrder("s:first", "s:victim", "s:child");
            assertThat(Files.readAllLines(dir.resolve("first.ran"))).hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("victim.ran"))).hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("child.ran"))).hasSize(1);
            assertThat(dispatched(journal).stream().filter(d -> d.startsWith("s:other#")).count())
                    .as("what succeeded stays done").isEqualTo(othersBefore);
            assertThat(new Verifier().check(journal)).isEmpty();
        }
    }
}
