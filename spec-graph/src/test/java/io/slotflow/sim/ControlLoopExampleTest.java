package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.CategoryReport;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/control-loop.yaml as dry-run predicts it (the simulator, the engine's own rules):
 * while every category still has work queued, each holds its target share of slot time within
 * ±15 %; productive feature sessions are respawned once; nothing is broken.
 */
class ControlLoopExampleTest {

    private static final Plan PLAN = PlanParser.parse(Path.of("../docs/examples/control-loop.yaml"));

    /** Every second docs session is a NOOP, as its command says. */
    private static Simulator.Result run() {
        return Simulator.run(PLAN, Simulator.Settings.defaults().withOutcomes((node, attempt) ->
                node.category().equals("docs") && Integer.parseInt(node.spec().substring(5)) % 2 == 0
                        ? SessionOutcome.NOOP : SessionOutcome.SUCCEEDED));
    }

    @Test
    void everyCategoryHoldsItsShareWhileDemandExceedsCapacity() {
        Simulator.Result result = run();
        assertThat(new Verifier().check(result.events())).isEmpty();
        CategoryReport report = CategoryReport.of(result.events(), whileEveryCategoryHadWork(result.events()));
        assertThat(report.rows()).hasSize(6);
        report.rows().forEach((category, row) -> assertThat(row.overAllocation())
                .as("%s: share %.3f against %.3f", category, row.share(), row.target()).isBetween(0.85, 1.15));
    }

    @Test
    void productiveFeatureSessionsAreRespawnedOnceAndNoopsAreNot() {
        CategoryReport report = CategoryReport.of(run().events());
        assertThat(report.rows().get("feature").respawns()).isEqualTo(12);
        assertThat(report.rows().get("feature").sessions()).isEqualTo(24);
        assertThat(report.rows().get("docs").respawns()).isZero();
        assertThat(report.rows().get("docs").noopRate()).isEqualTo(0.5);
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
