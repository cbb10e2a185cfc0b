package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.metrics.CategoryReport;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Target shares converge: while every category has ready work (demand above capacity), each
 * category's share of the slot time stays within ±15 % of its target, whatever the shares, the slot
 * count, and how far the sessions' real durations are from their estimates.
 */
class CategorySharesTest {

    /** One category: its weight (the shares are the weights normalized), estimate and real duration. */
    record Load(int weight, int estimateSeconds, int actualPercent) {
    }

    record Case(int slots, List<Load> loads) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Load> load = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(60, 240), Arbitraries.integers().between(50, 150)).as(Load::new);
        return Combinators.combine(Arbitraries.integers().between(1, 4), load.list().ofMinSize(2).ofMaxSize(6))
                .as(Case::new);
    }

    @Property(tries = 25)
    void everyCategoryGetsItsShareWhileDemandExceedsCapacity(@ForAll("cases") Case c) {
        int totalWeight = c.loads().stream().mapToInt(Load::weight).sum();
        StringBuilder yaml = new StringBuilder("run: {slots: " + c.slots() + "}\ncategories:\n");
        for (int i = 0; i < c.loads().size(); i++) {
            yaml.append("  c").append(i).append(": {share: ")
                    .append((double) c.loads().get(i).weight() / totalWeight).append("}\n");
        }
        yaml.append("specs:\n");
        Map<String, Duration> actual = new HashMap<>();
        // a window long enough for thirty sessions of every category at its share, so that one session
        // more or less is a small part of any share; each category has work for about that window
        double window = 0;
        for (Load load : c.loads()) {
            double share = (double) load.weight() / totalWeight;
            window = Math.max(window, 30.0 * millis(load) / (share * c.slots()));
        }
        for (int i = 0; i < c.loads().size(); i++) {
            Load load = c.loads().get(i);
            double share = (double) load.weight() / totalWeight;
            int nodes = (int) (share * c.slots() * window / millis(load)) + 2;
            for (int n = 0; n < nodes; n++) {
                yaml.append("  - {id: c").append(i).append("-").append(n).append(", command: 'true', category: c")
                        .append(i).append(", estimate: ").append(load.estimateSeconds()).append("s, writes: [c")
                        .append(i).append("-").append(n).append("]}\n");
            }
            actual.put("c" + i, Duration.ofMillis(millis(load)));
        }
        Plan plan = PlanParser.parse(yaml.toString(), "shares.yaml");
        Simulator.Result result = Simulator.run(plan, Simulator.Settings.defaults()
                .withDurations((node, attempt) -> actual.get(node.category())));

        assertThat(new Verifier().check(result.events())).isEmpty();
        CategoryReport report = CategoryReport.of(result.events(), whileEveryCategoryHadWork(result.events()));
        report.rows().forEach((category, row) -> assertThat(row.overAllocation())
                .as("%s: share %.3f against target %.3f", category, row.share(), row.target())
                .isBetween(0.85, 1.15));
    }

    private static long millis(Load load) {
        return load.estimateSeconds() * 10L * load.actualPercent();
    }

    /** The first moment a category had no more work queued: its last dispatch. */
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
