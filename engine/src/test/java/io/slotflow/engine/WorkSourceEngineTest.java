package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SourceDrained;
import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRejected;
import io.slotflow.event.SourceRun;
import io.slotflow.event.SpecsAdded;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.state.RunState;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work source through the real engine, its runs real processes: a failing run is retried after
 * its backoff, malformed output (an old shape, a newer version) is journaled as rejected and nothing
 * of it runs, the operator sees why in the status, accepted items run as specs of the live run, and
 * an empty list drains the source so that the run completes.
 */
class WorkSourceEngineTest {

    @TempDir
    Path dir;

    private static final String SOURCE = """
            #!/bin/sh
            case "$SLOTFLOW_SOURCE_RUN" in
              1) echo "no network" >&2; exit 3 ;;
              2) echo '[{"id": "feature-bad", "command": "touch ran-bad"}]' ;;
              3) echo '{"version": 1, "items": [{"id": "feature-a", "command": "touch ran-a", "estimate": "100ms", "writes": ["a"]},'
                 echo '                          {"id": "feature-b", "command": "touch ran-b", "estimate": "100ms", "writes": ["b"]}]}' ;;
              4) echo '{"version": 2, "items": [{"id": "feature-new", "command": "touch ran-new", "priority": 1}]}' ;;
              *) echo '{"version": 1, "items": []}' ;;
            esac
            """;

    @Test
    void badOutputIsRejectedAndReportedAndGoodItemsRun() throws Exception {
        Path script = dir.resolve("find-work.sh");
        Files.writeString(script, SOURCE);
        script.toFile().setExecutable(true);
        Plan plan = PlanParser.parse("""
                name: sourced
                run: {slots: 2}
                categories:
                  feature: {share: 0.5}
                  docs: {share: 0.5}
                sources:
                  finder: {category: feature, command: ./find-work.sh, retries: 3, backoff: 300ms, timeout: 20s}
                specs:
                  - {id: docs-1, category: docs, estimate: 100ms, writes: [d1], command: 'sleep 0.1'}
                """, "sourced.yaml", dir);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir.resolve("state")), new ProcessRunner())) {
            RunHandle run = engine.run(plan, new RunOptions("sourced", dir));
            RunResult result = run.result().toCompletableFuture().get(180, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("sourced");
            assertThat(new Verifier().check(journal)).isEmpty();

            assertThat(journal.stream().filter(e -> e instanceof SourceRun).count()).isEqualTo(5);
            SourceFailed failed = only(journal, SourceFailed.class).get(0);
            assertThat(failed.reason()).isEqualTo("exit 3: no network");
            SourceRun retry = only(journal, SourceRun.class).get(1);
            assertThat(Duration.between(failed.at(), retry.at())).as("retried after its backoff")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));

            List<SourceRejected> rejected = only(journal, SourceRejected.class);
            assertThat(rejected).extracting(SourceRejected::run).containsExactly(2, 4);
            assertThat(rejected.get(0).reason()).contains("does not match work-item-v1");
            assertThat(rejected.get(0).payload()).contains("feature-bad");
            assertThat(rejected.get(1).reason()).contains("version 2 is newer than this engine reads (1)");
            assertThat(Duration.between(rejected.get(1).at(), rejected.get(1).retryAt().orElseThrow()))
                    .as("the first failure after an accepted output waits the first backoff")
                    .isEqualTo(Duration.ofMillis(300));

            assertThat(only(journal, SpecsAdded.class)).singleElement().satisfies(added ->
                    assertThat(added.specs()).extracting(io.slotflow.plan.Spec::id).containsExactly("feature-a", "feature-b"));
            assertThat(only(journal, NodeSucceeded.class)).extracting(NodeSucceeded::node)
                    .contains("feature-a:0", "feature-b:0");
            assertThat(only(journal, SourceDrained.class)).singleElement().extracting(SourceDrained::run).isEqualTo(5);

            // nothing of a rejected output ran: no node, no process
            assertThat(only(journal, NodeDispatched.class)).extracting(NodeDispatched::node)
                    .containsExactlyInAnyOrder("docs-1:0", "feature-a:0", "feature-b:0");
            assertThat(dir.resolve("ran-a")).exists();
            assertThat(dir.resolve("ran-bad")).doesNotExist();
            assertThat(dir.resolve("ran-new")).doesNotExist();

            // the operator sees why: the status (the live view and the served status read it) and the journal's state
            assertThat(run.status().sourceProblems()).hasSize(3).satisfies(lines -> {
                assertThat(lines.get(0)).startsWith("source finder run 1 FAILED: exit 3: no network; runs again at ");
                assertThat(lines.get(1)).startsWith("source finder run 2 REJECTED, nothing of it runs: does not match "
                        + "work-item-v1");
                assertThat(lines.get(2)).contains("version 2 is newer");
            });
            assertThat(RunState.fold(journal).sourceProblemLines()).isEqualTo(run.status().sourceProblems());
        }
    }

    private static <T> List<T> only(List<RunEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
