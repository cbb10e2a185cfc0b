package io.slotflow.state;

import io.slotflow.event.NodeDispatched;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.DispatchMode;
import io.slotflow.policy.CategoryUse;
import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.DispatchPolicy;
import io.slotflow.policy.QueueOrder;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.ResourceUse;
import io.slotflow.policy.RunningNode;
import io.slotflow.policy.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the slot board, the ready queue and the dispatch policy: turns "these nodes are ready,
 * these slots are held" into the {@link NodeDispatched} events that assign slots. The slot manager
 * and the simulator both dispatch through it.
 */
public final class SlotDecider {

    /** A decision and the assignments it makes, in the order the policy chose them. */
    public record Dispatch(Decision decision, List<NodeDispatched> assignments) {
    }

    private PlanGraph graph;
    private final ClassTable classes;
    private final DispatchMode mode;
    private final DispatchPolicy policy;
    private final TokenTable tokens = new TokenTable();
    private final Map<String, RunningNode> compiledRunning = new HashMap<>();
    private final QueueOrder order;
    private Resized resizedClasses;

    public SlotDecider(PlanGraph graph, DispatchPolicy policy, QueueOrder order) {
        this.graph = graph;
        this.classes = new ClassTable(graph.workClasses());
        this.mode = graph.plan().run().dispatch();
        this.policy = policy;
        this.order = order;
    }

    /** Dispatches in the order the plan asks for. */
    public SlotDecider(PlanGraph graph) {
        this(graph, new DispatchPolicy(), QueueOrder.of(graph.plan().run().order()));
    }

    public ClassTable classes() {
        return classes;
    }

    /** Specs joined the run: nodes are ordered over the grown graph from now on (its classes are the same). */
    public void graphGrew(PlanGraph grown) {
        this.graph = grown;
    }

    /** An empty ready queue ordered as this decider dispatches. */
    public ReadyQueue newQueue() {
        return new ReadyQueue(classes.size(), order);
    }

    /** The queue entry for a node becoming ready. */
    public QueuedNode readyNode(NodeDef node, int attempt, Instant readyAt, long sequence) {
        long bottomLevel = node.kind() == NodeKind.GROUP
                ? graph.bottomLevelMillis(node.id())
                : node.estimate().toMillis();
        return new QueuedNode(node, attempt, classes.indexOf(node.workClass()), readyAt.toEpochMilli(),
                bottomLevel, graph.specOrder(node.spec()), sequence, tokens.compile(node.footprint()));
    }

    /** The footprints of the attempts whose branch waits in the merge queue (and is not finishing now). */
    private List<RunningNode> held(SlotBoard board, Set<String> finishing) {
        List<RunningNode> held = new ArrayList<>(board.mergingCount());
        for (RunningSession session : board.merging()) {
            if (!finishing.contains(session.node())) {
                held.add(new RunningNode(session.node(), classes.indexOf(session.workClass()),
                        tokens.compile(session.footprint())));
            }
        }
        return held;
    }

    /** One process, one session host with every slot. */
    public Dispatch decide(SlotBoard board, ReadyQueue queue, Set<String> finishing, boolean quiet, Instant now,
            WaitTracker waits) {
        return decide(board, queue, finishing, quiet, now, waits, Map.of(NodeDispatched.LOCAL, board.slotCount()));
    }

    /**
     * Decides which queued nodes start now, and on which host. Sessions of {@code finishing} nodes are
     * about to end (their SessionFinished is in the same write), so their slots count as free.
     * {@code quiet} says no earlier session's follow-ups are still on their way (see
     * {@link Snapshot#quiet()}). {@code hosts} gives each session host's slots: never more than K start
     * in all, nor more than a host's slots on it; each start goes to the host with the most free slots.
     */
    public Dispatch decide(SlotBoard board, ReadyQueue queue, Set<String> finishing, boolean quiet, Instant now,
            WaitTracker waits, Map<String, Integer> hosts) {
        return decide(board, queue, finishing, quiet, now, waits, hosts, CategoryUse.NONE);
    }

    /** As above, weighing categories by what they have used ({@link CategoryClock#use}). */
    public Dispatch decide(SlotBoard board, ReadyQueue queue, Set<String> finishing, boolean quiet, Instant now,
            WaitTracker waits, Map<String, Integer> hosts, CategoryUse categories) {
        List<RunningNode> running = new ArrayList<>(board.runningCount());
        List<Integer> freeSlots = new ArrayList<>(board.freeSlots());
        Map<String, Long> expectedEnds = new HashMap<>();
        for (RunningSession session : board.running()) {
            if (finishing.contains(session.node())) {
                if (session.slot() < board.slotCount()) { // past K after a shrink: not refilled
                    freeSlots.add(session.slot());
                }
            } else {
                Instant began = session.startedAt() != null ? session.startedAt() : session.dispatchedAt();
                expectedEnds.put(session.node(), began.toEpochMilli() + estimateMillis(session.node()));
            }
        }
        for (RunningSession session : board.running()) {
            if (!finishing.contains(session.node())) {
                RunningNode compiled = compiledRunning.computeIfAbsent(session.node(), n -> new RunningNode(
                        n, classes.indexOf(session.workClass()), tokens.compile(session.footprint())));
                running.add(compiled.expecting(expectedEnds.get(session.node()),
                        releasedBy(session.node(), expectedEnds, board)));
            }
        }
        freeSlots.sort(null);
        Map<String, Integer> hostFree = new HashMap<>(hosts);
        for (RunningSession session : board.running()) {
            if (!finishing.contains(session.node())) {
                hostFree.computeIfPresent(session.host(), (h, free) -> free - 1);
            }
        }
        int available = hostFree.values().stream().mapToInt(f -> Math.max(0, f)).sum();
        int slots = Math.min(board.slotCount(), running.size() + available);
        // a session finishing in this very decision has follow-ups on their way: never quiet
        Snapshot snapshot = new Snapshot(mode, slots, classesFor(board.slotCount()), queue, running, now.toEpochMilli(),
                quiet && finishing.isEmpty(), categories, resourceUse(running), graph.plan().run().specTurns(),
                held(board, finishing));
        Decision decision = policy.decideAmongOpen(snapshot);
        if (waits != null) {
            waits.observe(decision, queue, now.toEpochMilli());
        }
        List<NodeDispatched> assignments = new ArrayList<>(decision.starts().size());
        for (int i = 0; i < decision.starts().size(); i++) {
            QueuedNode start = decision.starts().get(i);
            NodeDef def = start.node();
            compiledRunning.put(start.id(), new RunningNode(start.id(), start.classIndex(), start.footprint()));
            String host = hostFree.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            hostFree.merge(host, -1, Integer::sum);
            assignments.add(new NodeDispatched(start.id(), start.attempt(), freeSlots.get(i), def.workClass(),
                    def.footprint(), Instant.ofEpochMilli(start.readyAtMillis()),
                    waits == null ? Map.of() : waits.dispatched(start.id(), now.toEpochMilli()), now, host,
                    decision.borrowed(start.id())));
        }
        if (compiledRunning.size() > 4 * board.slotCount() + 64) {
            // drop the finished: keep what runs now
            Set<String> keep = new java.util.HashSet<>();
            running.forEach(r -> keep.add(r.id()));
            decision.starts().forEach(s -> keep.add(s.id()));
            compiledRunning.keySet().retainAll(keep);
        }
        return new Dispatch(decision, assignments);
    }

    /** The classes' quotas for K = {@code k}: the plan's, or after a resize (see {@link ClassTable#resized}). */
    private ClassTable classesFor(int k) {
        if (k == graph.slots()) {
            return classes;
        }
        if (resizedClasses == null || resizedClasses.k() != k) {
            resizedClasses = new Resized(k, classes.resized(graph.slots(), k));
        }
        return resizedClasses.classes();
    }

    private record Resized(int k, ClassTable classes) {
    }

    /** What the running sessions hold of the plan's counted resources. */
    private ResourceUse resourceUse(List<RunningNode> running) {
        Map<String, Integer> capacities = graph.plan().resources();
        if (capacities.isEmpty()) {
            return ResourceUse.NONE;
        }
        Map<String, Integer> held = new HashMap<>();
        for (RunningNode r : running) {
            usesOf(r.id()).forEach((resource, units) -> held.merge(resource, units, Integer::sum));
        }
        return new ResourceUse(capacities, held);
    }

    /** A running node's counted resources: a group's from the plan, a review's or a batch's from its review type. */
    private Map<String, Integer> usesOf(String node) {
        return graph.findGroup(node).map(NodeDef::uses)
                .orElseGet(() -> graph.reviewType(NodeIds.reviewTypeOf(node)).uses());
    }

    /** A running node's estimate: a group's from the plan, a review's or a batch's from its review type. */
    private long estimateMillis(String node) {
        return graph.findGroup(node).map(NodeDef::estimate)
                .orElseGet(() -> graph.reviewType(NodeIds.reviewTypeOf(node)).estimate()).toMillis();
    }

    /**
     * The classes of the groups the running {@code node}'s success makes ready: those waiting for it
     * whose other dependencies have succeeded or run and are expected to end no later (the last one
     * to end releases them).
     */
    private List<Integer> releasedBy(String node, Map<String, Long> expectedEnds, SlotBoard board) {
        List<Integer> released = new ArrayList<>();
        long end = expectedEnds.get(node);
        for (String dependent : graph.dependents(node)) {
            boolean last = true;
            for (String dep : graph.group(dependent).dependsOn()) {
                if (dep.equals(node)) {
                    continue;
                }
                Long otherEnd = expectedEnds.get(dep);
                boolean done = board.lastFinished(dep).filter(f -> f.outcome().isSuccess()).isPresent();
                if (otherEnd == null ? !done : otherEnd > end || (otherEnd == end && dep.compareTo(node) > 0)) {
                    last = false;
                    break;
                }
            }
            if (last) {
                released.add(classes.indexOf(graph.group(dependent).workClass()));
            }
        }
        return released;
    }
}
