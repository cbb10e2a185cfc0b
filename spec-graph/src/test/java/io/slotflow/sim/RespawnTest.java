package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.CategoryReport;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code respawn: once}, through the run core and the spec rules the engine uses. */
class RespawnTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 2}
            categories:
              fix: {respawn: once}
              tidy: {}
            specs:
              - {id: productive, command: 'true', category: fix, writes: [a]}
              - {id: idle, command: 'true', category: fix, writes: [b]}
              - {id: failing, command: 'true', category: fix, writes: [c]}
              - {id: plain, command: 'true', category: tidy, writes: [d]}
            """, "respawn.yaml");

    /** Attempt by attempt, per spec: productive succeeds then NOOPs; idle NOOPs; failing fails then succeeds twice. */
    private static final Map<String, List<SessionOutcome>> OUTCOMES = Map.of(
            "productive:0", List.of(SessionOutcome.SUCCEEDED, SessionOutcome.NOOP),
            "idle:0", List.of(SessionOutcome.NOOP),
            "failing:0", List.of(SessionOutcome.FAILED, SessionOutcome.SUCCEEDED, SessionOutcome.SUCCEEDED),
            "plain:0", List.of(SessionOutcome.SUCCEEDED));

    private static Simulator.Result run() {
        return Simulator.run(PLAN, Simulator.Settings.defaults()
                .withOutcomes((node, attempt) -> OUTCOMES.get(node.id()).get(attempt - 1)));
    }

    @Test
    void aProductiveSessionIsFollowedByExactlyOneMoreAndTheNodeSucceedsAfterIt() {
        Simulator.Result result = run();
        assertThat(new Verifier().check(result.events())).isEmpty();
        List<String> respawned = result.events().stream().filter(e -> e instanceof NodeReady r && r.respawn())
                .map(e -> ((NodeReady) e).node() + "#" + ((NodeReady) e).attempt()).toList();
        assertThat(respawned).containsExactlyInAnyOrder("productive:0#2", "failing:0#3");
        assertThat(result.events().stream().filter(e -> e instanceof SessionFinished f && f.node().equals("productive:0"))
                .count()).isEqualTo(2);
        assertThat(result.events().stream().filter(e -> e instanceof NodeSucceeded)
                .map(e -> ((NodeSucceeded) e).node() + "#" + ((NodeSucceeded) e).attempt()).toList())
                .containsExactlyInAnyOrder("productive:0#2", "idle:0#1", "failing:0#3", "plain:0#1");
    }

    @Test
    void aClassMayAskForRespawnsToo() {
        Plan plan = PlanParser.parse("""
                classes:
                  loop: {rank: 0, respawn: once}
                specs:
                  - {id: a, command: 'true', class: loop, writes: [a]}
                  - {id: b, command: 'true', writes: [b]}
                """, "class-respawn.yaml");
        Simulator.Result result = Simulator.run(plan);
        assertThat(new Verifier().check(result.events())).isEmpty();
        assertThat(result.events().stream().filter(e -> e instanceof NodeReady r && r.respawn())
                .map(e -> ((NodeReady) e).node()).toList()).containsExactly("a:0");
    }

    @Test
    void theCategoryReportCountsRespawns() {
        CategoryReport report = CategoryReport.of(run().events());
        assertThat(report.rows().get("fix").respawns()).isEqualTo(2);
        assertThat(report.rows().get("fix").sessions()).isEqualTo(6);
        assertThat(report.rows().get("fix").noopRate()).isEqualTo(2.0 / 6);
        assertThat(report.rows().get("tidy").respawns()).isZero();
    }
}
