package io.slotflow.bench;

import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Command;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDefaults;
import io.slotflow.plan.RunSettings;
import io.slotflow.plan.Spec;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmarks' workload: a seeded random DAG of {@code n} nodes, each depending on 0–3 earlier
 * nodes, each with a work time. The same seed gives the same DAG to Slotflow and to every peer.
 *
 * @param deps for each node, the indexes of the nodes it depends on (all smaller)
 * @param workMicros for each node, how long its session works
 */
public record Dag(int n, List<int[]> deps, long[] workMicros) {

    /** Each node depends on 0–3 earlier nodes; work is uniform in [minMicros, maxMicros]. */
    public static Dag random(int n, long seed, long minMicros, long maxMicros) {
        Random random = new Random(seed);
        List<int[]> deps = new ArrayList<>(n);
        long[] work = new long[n];
        for (int i = 0; i < n; i++) {
            int count = i == 0 ? 0 : random.nextInt(Math.min(3, i) + 1);
            int[] d = random.ints(0, Math.max(1, i)).distinct().limit(count).sorted().toArray();
            deps.add(d);
            work[i] = minMicros + (maxMicros > minMicros ? (long) (random.nextDouble() * (maxMicros - minMicros)) : 0);
        }
        return new Dag(n, deps, work);
    }

    /** Every node of the DAG as one group of one spec, each writing its own token: no footprint conflicts. */
    public Plan toPlan(int slots) {
        List<Group> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> d = new ArrayList<>();
            for (int dep : deps.get(i)) {
                d.add("n" + dep);
            }
            groups.add(new Group("n" + i, d, WorkClass.IMPLEMENTATION, Footprint.of(List.of(), List.of("t" + i)),
                    Command.of("true"), Duration.ofNanos(Math.max(1_000, workMicros[i] * 1_000)), null));
        }
        return new Plan("dag-" + n, new RunSettings(slots, PlanDefaults.DISPATCH),
                List.of(PlanDefaults.implementation(slots), PlanDefaults.review(slots)),
                List.of(new Spec("dag", List.of(), groups)), List.of(), List.of());
    }

    /** Total work, and the longest chain of work: the makespan no schedule on k slots can beat. */
    public Duration lowerBound(int k) {
        long[] finish = new long[n];
        long total = 0;
        long path = 0;
        for (int i = 0; i < n; i++) {
            long start = 0;
            for (int dep : deps.get(i)) {
                start = Math.max(start, finish[dep]);
            }
            finish[i] = start + workMicros[i];
            path = Math.max(path, finish[i]);
            total += workMicros[i];
        }
        return Duration.ofNanos(Math.max(path, total / k) * 1_000);
    }

    public static int indexOf(String nodeId) {
        return Integer.parseInt(nodeId.substring(nodeId.indexOf(":n") + 2));
    }
}
