package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.SessionOutcome;
import io.slotflow.metrics.CategoryReport;
import io.slotflow.metrics.Telemetry;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The per-category table of {@code stats}, the summary and {@code dry-run}. */
class CategoryLinesTest {

    @Test
    void eachCategoryWithItsShareAgainstTargetNoopRateAndRespawns() {
        Plan plan = PlanParser.parse("""
                run: {slots: 1}
                categories:
                  fix: {share: 0.75, respawn: once}
                  poll: {share: 0.25}
                specs:
                  - {id: f1, command: 'true', category: fix, estimate: 30s, writes: [f1]}
                  - {id: p1, command: 'true', category: poll, estimate: 20s, writes: [p1]}
                """, "lines.yaml");
        var events = Simulator.run(plan, Simulator.Settings.defaults().withOutcomes((node, attempt) ->
                node.category().equals("poll") ? SessionOutcome.NOOP : SessionOutcome.SUCCEEDED)).events();
        assertThat(CategoryLines.of(CategoryReport.of(events), Telemetry.of(events))).containsExactly(
                "category         sessions  slot time    share  target over-alloc   NOOP respawns same-lock",
                "fix                     2  1m00s          75%     75%     1.00x     0%        1         0",
                "poll                    1  20.0s          25%     25%     1.00x   100%        0         0",
                "same-lock violations: 0 (footprint, lock: tokens included); category-alone violations: 0");
    }

    @Test
    void aPlanWithoutCategoriesHasNoTable() {
        Plan plan = PlanParser.parse("specs: [{id: a, command: 'true', category: label}]", "plain.yaml");
        var events = Simulator.run(plan).events();
        assertThat(CategoryLines.of(CategoryReport.of(events), Telemetry.of(events))).isEmpty();
    }
}
