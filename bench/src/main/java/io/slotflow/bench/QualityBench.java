package io.slotflow.bench;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.RunEvent;
import io.slotflow.metrics.ClassInterference;
import io.slotflow.metrics.Telemetry;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.DispatchOrder;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.WorkClass;
import io.slotflow.sim.Simulator;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The policy's schedules, in the simulator: makespan against the lower bound, and the flood's
 * implementation wait; and the flood through the real engine beside the simulator's prediction.
 */
final class QualityBench {

    record PolicyRow(String dispatch, String order, double medianRatio, double worstRatio) {
    }

    record FloodRow(String variant, Duration implementationWait, boolean everySlotHeld, Duration implementationDone,
            Duration makespan, double ratio, double utilization) {
    }

    /** The flood through the real engine, with the simulator's prediction of the same plan beside it. */
    record RealFloodRow(String variant, Duration predicted, Duration makespan, double ratio, double utilization,
            Duration implementationWait, int borrowed, int violations) {
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
        Plan noBackfill = withReviewBorrow(guarded, Borrow.NEVER);
        List<FloodRow> rows = new ArrayList<>();
        rows.add(floodRow("defaults: review quota 1 of 3, lazy injection, backfill", guarded));
        rows.add(floodRow("no backfill: review quota 1 of 3 (borrow: never), lazy injection", noBackfill));
        rows.add(floodRow("quota only: review quota 1, eager injection, no backfill",
                withInjection(noBackfill, Injection.EAGER)));
        rows.add(floodRow("quota and backfill: review quota 1, eager injection, backfill",
                withInjection(guarded, Injection.EAGER)));
        rows.add(floodRow("lazy only: review quota 3, lazy injection", withReviewQuota(guarded, 3)));
        rows.add(floodRow("batched: review quota 1, batched injection (4 per batch), no backfill",
                withInjection(noBackfill, Injection.BATCHED)));
        rows.add(floodRow("no guards: one rank, quota 3, eager, first-ready", unguarded));
        return rows;
    }

    /**
     * The flood through the real engine (actors, H2 journal, the process runner running the plan's
     * {@code sleep} commands): with backfill, without, and without any guard; each about a minute.
     */
    static List<RealFloodRow> floodThroughEngine(Path examples) throws Exception {
        Plan guarded = PlanParser.parse(examples.resolve("review-flood.yaml"));
        Plan unguarded = PlanParser.parse(examples.resolve("review-flood-unguarded.yaml"));
        List<RealFloodRow> rows = new ArrayList<>();
        rows.add(realFloodRow("defaults: review quota 1 of 3, lazy injection, backfill", guarded));
        rows.add(realFloodRow("no backfill: borrow: never", withReviewBorrow(guarded, Borrow.NEVER)));
        rows.add(realFloodRow("no guards: one rank, quota 3, eager, first-ready", unguarded));
        return rows;
    }

    private static RealFloodRow realFloodRow(String variant, Plan plan) throws Exception {
        Duration predicted = Simulator.run(plan).makespan();
        try (Scratch scratch = Scratch.create("slotflow-flood");
                Slotflow engine = Slotflow.start(EngineSettings.defaults(scratch.path()), new ProcessRunner())) {
            Path dir = scratch.path();
            RunResult result = engine.run(plan, new RunOptions("flood", dir)).result().toCompletableFuture()
                    .get(10, TimeUnit.MINUTES);
            if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
                throw new IllegalStateException("flood run ended " + result.outcome() + " " + result.reason());
            }
            List<RunEvent> journal = engine.journal().events("flood");
            Telemetry t = Telemetry.of(journal);
            return new RealFloodRow(variant, predicted, t.makespan(), t.makespanRatio(), t.utilization(),
                    t.implementationBehindReviews().waitedBehind(), t.borrowed().sessions(),
                    new Verifier().check(journal).size());
        }
    }

    private static FloodRow floodRow(String variant, Plan plan) {
        Simulator.Result result = Simulator.run(plan);
        Telemetry t = Telemetry.of(result.events());
        ClassInterference i = t.implementationBehindReviews();
        return new FloodRow(variant, i.waitedBehind(), i.everySlotHeldWhileWaiting(),
                t.finishedAfter().getOrDefault(WorkClass.IMPLEMENTATION, Duration.ZERO), result.makespan(),
                t.makespanRatio(), t.utilization());
    }

    private static Plan withInjection(Plan plan, Injection injection) {
        return plan.withBarriers(plan.barriers().stream().map(b -> new Barrier(b.name(), b.after(), b.every(),
                b.reviews(), injection, b.batchSize())).toList());
    }

    private static Plan withReviewBorrow(Plan plan, Borrow borrow) {
        return plan.withClasses(plan.classes().stream()
                .map(c -> c.name().equals(WorkClass.REVIEW) ? c.withBorrow(borrow) : c).toList());
    }

    private static Plan withReviewQuota(Plan plan, int quota) {
        return plan.withClasses(plan.classes().stream()
                .map(c -> c.name().equals(WorkClass.REVIEW) ? c.withQuota(quota) : c).toList());
    }
}
