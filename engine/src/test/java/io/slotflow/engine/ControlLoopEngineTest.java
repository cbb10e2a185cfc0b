package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.CategoryReport;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.sim.Simulator;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/control-loop.yaml through the real engine, its sessions real processes: the shares
 * of slot time measured from the journal match what the simulator behind {@code dry-run} predicts
 * (while every category still has work queued), every productive feature session is respawned
 * once, docs NOOPs are not, and the verifier finds nothing broken.
 */
class ControlLoopEngineTest {

    @TempDir
    Path dir;

    @Test
    void theRealRunHoldsTheSharesDryRunPredicts() throws Exception {
        Plan plan = PlanParser.parse(Path.of("../docs/examples/control-loop.yaml"));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner())) {
            // the work source runs in the plan's directory, where its script is
            RunResult result = engine.run(plan, new RunOptions("loop", Path.of("../docs/examples").toAbsolutePath()
                    .normalize())).result().toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("loop");
            assertThat(new Verifier().check(journal)).as("K, footprints and lock: tokens, parallel: false").isEmpty();

            CategoryReport real = CategoryReport.of(journal, whileEveryCategoryHadWork(journal));
            Simulator.Result simulated = Simulator.run(plan, Simulator.Settings.defaults().withOutcomes(
                    (node, attempt) -> node.category().equals("docs") && Integer.parseInt(node.spec().substring(5)) % 2 == 0
                            ? SessionOutcome.NOOP : SessionOutcome.SUCCEEDED));
            CategoryReport predicted = CategoryReport.of(simulated.events(),
                    whileEveryCategoryHadWork(simulated.events()));
            real.rows().forEach((category, row) -> assertThat(row.share())
                    .as("%s: real share %.3f, predicted %.3f, target %.3f", category, row.share(),
                            predicted.rows().get(category).share(), row.target())
                    .isBetween(row.target() * 0.85, row.target() * 1.15)
                    .isCloseTo(predicted.rows().get(category).share(), org.assertj.core.data.Offset.offset(
                            row.target() * 0.3)));

            CategoryReport whole = CategoryReport.of(journal);
            assertThat(whole.rows().get("feature").respawns()).isEqualTo(12);
            assertThat(whole.rows().get("docs").respawns()).isZero();
            assertThat(whole.rows().get("docs").noopRate()).isEqualTo(0.5);

            // every malformed source output rejected, with nothing run from it; the good one ran
            List<io.slotflow.event.SourceRejected> rejected = journal.stream()
                    .filter(e -> e instanceof io.slotflow.event.SourceRejected).map(e -> (io.slotflow.event.SourceRejected) e)
                    .toList();
            assertThat(rejected).extracting(io.slotflow.event.SourceRejected::run).containsExactly(1, 3, 4, 5);
            assertThat(rejected).extracting(io.slotflow.event.SourceRejected::reason).satisfiesExactly(
                    r -> assertThat(r).contains("does not match work-item-v1"),
                    r -> assertThat(r).startsWith("not JSON: "),
                    r -> assertThat(r).contains("version 2 is newer"),
                    r -> assertThat(r).contains("command"));
            List<String> dispatched = journal.stream().filter(e -> e instanceof NodeDispatched)
                    .map(e -> ((NodeDispatched) e).node()).toList();
            assertThat(dispatched).contains("refactor-found-1:0", "refactor-found-2:0")
                    .noneMatch(n -> n.startsWith("refactor-old-shape") || n.startsWith("refactor-v2")
                            || n.startsWith("refactor-no-command"));
            assertThat(io.slotflow.state.RunState.fold(journal).sourceProblemLines()).hasSize(4)
                    .allMatch(line -> line.contains("REJECTED, nothing of it runs"));
        }
    }

    private static Instant whileEveryCategoryHadWork(List<RunEvent> events) {
        Map<String, Instant> lastDispatch = new HashMap<>();
        for (RunEvent e : events) {
            if (e instanceof NodeDispatched d) {
                lastDispatch.put(d.node().substring(0, d.node().indexOf('-')), d.at());
            }
        }
        return lastDispatch.values().stream().min(Instant::compareTo).orElseThrow();
    }
}
