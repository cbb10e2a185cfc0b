package io.slotflow.bench;

import io.slotflow.metrics.ClassInterference;
import io.slotflow.metrics.Telemetry;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.DispatchOrder;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.WorkClass;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The policy's schedules, in the simulator: makespan against the lower bound, and the flood's implementation wait. */
final class QualityBench {

    record PolicyRow(String dispatch, String order, double medianRatio, double worstRatio) {
    }

    record FloodRow(String variant, Duration implementationWait, boolean everySlotHeld, Duration implementationDone,
            Duration makespan) {
    }

    private QualityBench() {
    }

    /** Random DAGs of n nodes with 1-15 minutes of work each, K slots, several seeds. */
    static List<PolicyRow> policies(int n, int k, int seeds) {
        List<PolicyRow> rows = new ArrayList<>();
        for (DispatchMode mode : DispatchMode.values()) {
            for (DispatchOrder order : DispatchOrder.values()) {
                List<Double> ratios = new ArrayList<>();
                for (int seed = 0; seed < seeds; seed++) {
                    Dag dag = Dag.random(n, 1000 + seed, 60_000_000L, 900_000_000L);
                    Plan plan = dag.toPlan(k);
                    plan = plan.withRun(plan.run().withDispatch(mode).withOrder(order));
                    Simulator.Result result = Simulator.run(plan);
                    ratios.add((double) result.makespan().toMillis() / dag.lowerBound(k).toMillis());
                }
                rows.add(new PolicyRow(mode.name().toLowerCase(), order.name().toLowerCase().replace('_', '-'),
                        Stats.medianOf(ratios), ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            }
        }
        return rows;
    }

    /** The review flood: the defaults, each guard alone, and none. */
    static List<FloodRow> flood(Path examples) {
        Plan guarded = PlanParser.parse(examples.resolve("review-flood.yaml"));
        Plan unguarded = PlanParser.parse(examples.resolve("review-flood-unguarded.yaml"));
        List<FloodRow> rows = new ArrayList<>();
        rows.add(floodRow("defaults: review quota 1 of 3, lazy injection", guarded));
        rows.add(floodRow("quota only: review quota 1, eager injection", withInjection(guarded, Injection.EAGER)));
        rows.add(floodRow("lazy only: review quota 3, lazy injection", withReviewQuota(guarded, 3)));
        rows.add(floodRow("batched: review quota 1, batched injection (4 per batch)",
                withInjection(guarded, Injection.BATCHED)));
        rows.add(floodRow("no guards: one rank, quota 3, eager, first-ready", unguarded));
        return rows;
    }

    private static FloodRow floodRow(String variant, Plan plan) {
        Simulator.Result result = Simulator.run(plan);
        Telemetry t = Telemetry.of(result.events());
        ClassInterference i = t.implementationBehindReviews();
        return new FloodRow(variant, i.waitedBehind(), i.everySlotHeldWhileWaiting(),
                t.finishedAfter().getOrDefault(WorkClass.IMPLEMENTATION, Duration.ZERO), result.makespan());
    }

    private static Plan withInjection(Plan plan, Injection injection) {
        return plan.withBarriers(plan.barriers().stream().map(b -> new Barrier(b.name(), b.after(), b.every(),
                b.reviews(), injection, b.batchSize())).toList());
    }

    private static Plan withReviewQuota(Plan plan, int quota) {
        return plan.withClasses(plan.classes().stream()
                .map(c -> c.name().equals(WorkClass.REVIEW) ? c.withQuota(quota) : c).toList());
    }
}
