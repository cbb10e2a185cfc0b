package io.slotflow.bench.jmh;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.PlanDefaults;
import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.DispatchPolicy;
import io.slotflow.policy.QueueOrder;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.RunningNode;
import io.slotflow.policy.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dispatch decision over a ready queue of 10, 1,000 or 10,000 nodes with K = 8 or 64.
 * <ul>
 *   <li>{@code slotFreed}: one slot just freed, the common case of rolling dispatch;</li>
 *   <li>{@code allBlocked}: every ready node conflicts with a running one, so the policy must look
 *       at each of them and give each a reason — the worst case.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {

    @Param({"10", "1000", "10000"})
    int ready;

    @Param({"8", "64"})
    int slots;

    @Param({"slotFreed", "allBlocked"})
    String scenario;

    private final DispatchPolicy policy = new DispatchPolicy();
    private Snapshot snapshot;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        TokenTable tokens = new TokenTable();
        ClassTable classes = new ClassTable(List.of(PlanDefaults.implementation(slots), PlanDefaults.review(slots)));
        ReadyQueue queue = new ReadyQueue(classes.size(), QueueOrder.CRITICAL_PATH_FIRST);
        boolean blocked = scenario.equals("allBlocked");
        for (int i = 0; i < ready; i++) {
            int cls = random.nextInt(4) == 0 ? 1 : 0;
            Footprint footprint = blocked
                    ? Footprint.of(List.of(), List.of("shared/" + random.nextInt(slots - 1)))
                    : Footprint.of(List.of("src/" + random.nextInt(50)), List.of("own/" + i));
            NodeDef node = new NodeDef("s:n" + i, NodeKind.GROUP, "s", classes.name(cls), footprint, Command.of("true"),
                    Duration.ofMinutes(1), null, List.of(), List.of(), List.of(), false);
            queue.add(new QueuedNode(node, 1, cls, random.nextInt(1_000_000), random.nextInt(10_000_000),
                    random.nextInt(20), queue.nextSequence(), tokens.compile(footprint)));
        }
        List<RunningNode> running = new ArrayList<>();
        for (int r = 0; r < slots - 1; r++) {
            Footprint footprint = blocked ? Footprint.of(List.of(), List.of("shared/" + r))
                    : Footprint.of(List.of(), List.of("running/" + r));
            running.add(new RunningNode("s:r" + r, 0, tokens.compile(footprint)));
        }
        snapshot = new Snapshot(DispatchMode.ROLLING, slots, classes, queue, running, 2_000_000, true);
    }

    @Benchmark
    public Decision decide() {
        return policy.decide(snapshot);
    }

}
