package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SpecsAdded;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs added to a live run survive {@code kill -9}: the resumed run rebuilds them from the journal
 * (the plan given again is the start plan, and its digest still matches) and runs them to the end.
 */
class AddSpecsCrashTest {

    private static final String PLAN = """
            name: grows
            run:
              slots: 1
            specs:
              - id: a
                groups:
                  - {id: g0, command: work, estimate: 10s, writes: [a0]}
                  - {id: g1, command: work, estimate: 10s, writes: [a1]}
                  - {id: g2, command: work, estimate: 10s, writes: [a2]}
            """;
    private static final String MORE = """
            specs:
              - id: b
                depends-on: [a]
                command: work
                estimate: 10s
                writes: [b0]
              - id: c
                command: work
                estimate: 10s
                writes: [c0]
            """;

    @TempDir
    Path dir;

    @Test
    void specsAddedBeforeAKillMinus9AreRebuiltFromTheJournalAndRunOnce() throws Exception {
        Path plan = Files.writeString(dir.resolve("grows.yaml"), PLAN);
        Path more = Files.writeString(dir.resolve("more.yaml"), MORE);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AddSpecsCrashTarget.class.getName(),
                dir.toString(), "grows", plan.toString(), more.toString(), "0.1")
                .redirectErrorStream(true)
                .start();
        boolean added = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while (!added && (line = out.readLine()) != null) {
                added = line.equals("added");
            }
            child.destroyForcibly(); // SIGKILL, right after the addition was journaled
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(added).as("the child added the specs before it was killed").isTrue();

        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(0.1))) {
            RunResult result = engine.run(PlanParser.parse(plan), new RunOptions("grows", dir)).result()
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("grows");
            assertThat(journal).filteredOn(e -> e instanceof SpecsAdded).hasSize(1);
            assertThat(new Verifier().check(journal)).isEmpty();
            Map<String, Long> successes = journal.stream().filter(e -> e instanceof NodeSucceeded)
                    .collect(Collectors.groupingBy(e -> ((NodeSucceeded) e).node(), Collectors.counting()));
            assertThat(successes).containsOnlyKeys("a:g0", "a:g1", "a:g2", "b:0", "c:0")
                    .allSatisfy((node, n) -> assertThat(n).as(node).isEqualTo(1L));
        }
    }
}
