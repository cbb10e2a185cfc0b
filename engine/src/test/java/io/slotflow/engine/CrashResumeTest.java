package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM running a plan is killed with SIGKILL mid-run; the run resumes from the journal. */
class CrashResumeTest {

    private static final Path PLAN = Path.of("../docs/examples/review-flood.yaml");
    private static final double SCALE = 0.05;

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithKillMinus9ResumesAndFinishesEveryNodeExactlyOnce() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(),
                dir.toString(), "crash", PLAN.toString(), Double.toString(SCALE))
                .redirectErrorStream(true)
                .start();
        int succeeded = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && succeeded < 8) {
                if (line.startsWith("succeeded ")) {
                    succeeded++;
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(succeeded).as("the child made progress before it was killed").isEqualTo(8);

        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(SCALE))) {
            RunResult result = engine.run(PlanParser.parse(PLAN), new RunOptions("crash", dir)).result()
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);

            List<RunEvent> journal = engine.journal().events("crash");
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(journal).filteredOn(e -> e instanceof RunResumed).hasSize(1);
            Map<String, Long> successes = journal.stream().filter(e -> e instanceof NodeSucceeded)
                    .collect(Collectors.groupingBy(e -> ((NodeSucceeded) e).node(), Collectors.counting()));
            assertThat(successes.values()).allMatch(n -> n == 1);
            assertThat(successes).hasSize(26 + 36); // every group and every review, none twice
            assertThat(journal).filteredOn(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST)
                    .as("sessions running at the kill are recorded lost").isNotEmpty();
        }
    }
}
