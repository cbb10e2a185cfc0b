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
 *   <li>{@code allBlocked}: every ready node conflicts with a running one — the worst case for the
 *       straightforward decision, which looks at each of them and gives each a reason.</li>
 * </ul>
 * Three measures:
 * <ul>
 *   <li>{@link #decide}: the straightforward decision ({@link DispatchPolicy#decide}), which asks every
 *       ready node it reaches — the reference the engine's decision is held to;</li>
 *   <li>{@link #decideAmongOpen}: the engine's decision ({@link DispatchPolicy#decideAmongOpen}) on the same
 *       snapshot, nothing changed since its last decision — the running nodes are compared with those it
 *       knew, and only the open nodes are walked;</li>
 *   <li>{@link #slotCycle}: what one slot's turn costs the engine's decision: a running session ends
 *       (the nodes it blocked are looked at again), the decision starts what it can, each start leaves
 *       the queue and runs (blocking again the nodes it conflicts with), and a new node like it joins
 *       the queue, so the queue keeps its length (when nothing starts, a session like the ended one
 *       starts in its place, so K − 1 keep running). All blocked, the session that ends blocked about
 *       1 / (K − 1) of the queue: that is the work that changed.</li>
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
    private ClassTable classes;
    private ReadyQueue queue;
    private TokenTable tokens;
    private List<RunningNode> running;
    private int made;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        tokens = new TokenTable();
        classes = new ClassTable(List.of(PlanDefaults.implementation(slots), PlanDefaults.review(slots)));
        queue = new ReadyQueue(classes.size(), QueueOrder.CRITICAL_PATH_FIRST);
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
        running = new ArrayList<>();
        for (int r = 0; r < slots - 1; r++) {
            Footprint footprint = blocked ? Footprint.of(List.of(), List.of("shared/" + r))
                    : Footprint.of(List.of(), List.of("running/" + r));
            running.add(new RunningNode("s:r" + r, 0, tokens.compile(footprint)));
        }
        made = ready;
        snapshot = new Snapshot(DispatchMode.ROLLING, slots, classes, queue, running, 2_000_000, true);
        policy.decideAmongOpen(snapshot); // the engine's decider has seen this queue before
    }

    @Benchmark
    public Decision decide() {
        return policy.decide(snapshot);
    }

    @Benchmark
    public Decision decideAmongOpen() {
        return policy.decideAmongOpen(snapshot);
    }

    @Benchmark
    public Decision slotCycle() {
        RunningNode ended = running.remove(0);
        Decision decision = policy.decideAmongOpen(
                new Snapshot(DispatchMode.ROLLING, slots, classes, queue, running, 2_000_000, true));
        for (QueuedNode start : decision.starts()) {
            queue.remove(start.id());
            running.add(new RunningNode(start.id(), start.classIndex(), start.footprint()));
            NodeDef def = start.node();
            NodeDef next = new NodeDef("s:n" + made++, NodeKind.GROUP, "s", def.workClass(), def.footprint(),
                    Command.of("true"), Duration.ofMinutes(1), null, List.of(), List.of(), List.of(), false);
            queue.add(new QueuedNode(next, 1, start.classIndex(), start.readyAtMillis(), start.bottomLevelMillis(),
                    start.specOrder(), queue.nextSequence(), start.footprint()));
        }
        if (running.size() < slots - 1) {
            // nothing took the ended session's place: another like it starts, so that K - 1 keep running
            running.add(new RunningNode("s:r" + made++, ended.classIndex(), ended.footprint()));
        }
        return decision;
    }

}
