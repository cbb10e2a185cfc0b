package io.slotflow.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatch policy: which ready nodes start now. It composes small named rules, the way the
 * Kubernetes scheduler composes plugins:
 *
 * <ol>
 *   <li>queue sort: aged nodes first (oldest first, any class), then classes by rank, each rank in
 *       its {@link QueueOrder} (longest critical path, earlier spec, first ready; classes of one
 *       rank are merged);</li>
 *   <li>within a rank, when categories have target shares, the category furthest below its share
 *       goes first ({@link CategoryTurns}); within a category (or a rank without shares), the spec with
 *       the fewest sessions in the rank ({@link SpecRoundRobin}, unless the plan turns spec turns off);</li>
 *   <li>gates, asked once per decision: {@link WaveGate}, {@link FreeSlot}. A closed gate keeps
 *       every node waiting;</li>
 *   <li>filters, in order: {@link ClassQuota}, {@link LazyHold}, {@link ClassReserve},
 *       {@link CategoryCooldown}, {@link CategoryAlone}, {@link ResourceRoom}, {@link FootprintFit}. The first
 *       filter that objects gives the node's wait reason; a filter that objects to a whole class spares the visit
 *       of its nodes.</li>
 * </ol>
 *
 * A lower class reaches a slot only after every higher-class node was offered it and could not
 * take it, so the policy is work-conserving within quotas and reserves; a class that borrows may
 * go past its quota into a slot nothing else can use ({@link Backfill}), and such a start is
 * marked in the decision ({@link Decision#borrowed}).
 *
 * <p>Pure: the same snapshot gives the same decision. A decision costs O(examined · tokens) plus
 * O(log n) per node started; nodes after the slots are full are not visited.
 */
public final class DispatchPolicy {

    private static final List<DispatchGate> DEFAULT_GATES = List.of(new WaveGate(), new FreeSlot());
    private static final List<DispatchFilter> DEFAULT_FILTERS =
            List.of(new ClassQuota(), new LazyHold(), new ClassReserve(), new CategoryCooldown(), new CategoryAlone(),
                    new ResourceRoom(), new FootprintFit());

    private final List<DispatchGate> gates;
    private final List<DispatchFilter> filters;

    public DispatchPolicy() {
        this(DEFAULT_GATES, DEFAULT_FILTERS);
    }

    public DispatchPolicy(List<DispatchGate> gates, List<DispatchFilter> filters) {
        this.gates = List.copyOf(gates);
        this.filters = List.copyOf(filters);
    }

    public List<DispatchGate> gates() {
        return gates;
    }

    public List<DispatchFilter> filters() {
        return filters;
    }

    /**
     * The straightforward decision: every ready node the walk reaches is asked, blocked or not. What
     * {@link #decideAmongOpen} is held to, and what it falls back to where it walks no shorter.
     */
    public Decision decide(Snapshot snapshot) {
        return decide(snapshot, false, List.of());
    }

    /**
     * The same starts, loans and reasons for the open nodes as {@link #decide}, walking only the open
     * nodes: those no running node's footprint blocks ({@link ReadyQueue#openInOrder}). A blocked node
     * cannot start in this decision whatever else holds (a decision's starts only add holders), and
     * asking it changes nothing the later nodes are asked against, so leaving it out changes no start;
     * its reason is the conflict with its blocker, which holds until the blocker ends. All blocked, a
     * decision so costs what changed since the last, not the queue's length.
     *
     * <p>Tells the queue the running nodes first. Where the walk is not the rank's plain order — category
     * shares, spec turns — it visits every node as {@link #decide} does (the queue is still told).
     */
    public Decision decideAmongOpen(Snapshot snapshot) {
        ReadyQueue ready = snapshot.ready();
        ready.runningAre(snapshot.running());
        List<String> touched = ready.drainTouched();
        boolean plainOrder = !snapshot.categories().targets().routing()
                && snapshot.specTurns() != io.slotflow.plan.SpecTurns.ROUND_ROBIN;
        return decide(snapshot, plainOrder, touched);
    }

    private Decision decide(Snapshot snapshot, boolean amongOpen, List<String> touched) {
        DecisionContext context = new DecisionContext(snapshot);
        ClassTable classes = snapshot.classes();
        int classCount = classes.size();
        List<QueuedNode> starts = new ArrayList<>(Math.min(context.freeSlots(), snapshot.ready().size()));
        Map<String, WaitReason> examined = new HashMap<>();
        Set<String> borrowed = new HashSet<>();
        WaitReason[] classDefault = new WaitReason[classCount];
        int[][] counts = new int[classCount][WaitKind.values().length];
        int[] examinedPerClass = new int[classCount];

        // a closed gate (wave running, no free slot) keeps everybody waiting: no node is visited
        Optional<WaitReason> gate = gateObjection(context);
        if (gate.isEmpty()) {
            Set<String> aged = offerAged(snapshot, amongOpen, context, starts, borrowed, examined, counts,
                    examinedPerClass);
            for (int[] band : classes.bands()) {
                if (context.freeSlots() == 0) {
                    break;
                }
                int open = band.length;
                Iterable<QueuedNode> turns = amongOpen ? snapshot.ready().openInOrder(band)
                        : CategoryTurns.of(band, context);
                for (QueuedNode node : turns) {
                    int c = node.classIndex();
                    if (context.freeSlots() == 0 || open == 0) {
                        break;
                    }
                    if (classDefault[c] != null || aged.contains(node.id())) {
                        continue;
                    }
                    Optional<WaitReason> wholeClass = classObjection(c, context);
                    if (wholeClass.isPresent()) {
                        classDefault[c] = wholeClass.get();
                        open--;
                        continue;
                    }
                    offer(node, context, starts, borrowed, examined, counts, examinedPerClass);
                }
                waitForTurns(turns, context, classDefault, aged, examined, counts, examinedPerClass);
            }
        }
        WaitReason defaultReason = gate.orElse(WaitReason.NoFreeSlot.INSTANCE);
        for (int c = 0; c < classCount; c++) {
            int walked = amongOpen ? snapshot.ready().openSize(c) : snapshot.ready().size(c);
            int unvisited = walked - context.started(c) - examinedPerClass[c];
            WaitReason implied = classDefault[c] != null ? classDefault[c] : defaultReason;
            counts[c][implied.kind().ordinal()] += unvisited;
            if (amongOpen) {
                counts[c][WaitKind.FOOTPRINT_CONFLICT.ordinal()] += snapshot.ready().blockedSize(c);
            }
        }
        return new Decision(starts, borrowed, examined, classDefault, defaultReason, context.freeSlots(), counts,
                amongOpen ? java.util.Optional.of(snapshot.ready()) : java.util.Optional.empty(), touched);
    }

    private Set<String> offerAged(Snapshot snapshot, boolean amongOpen, DecisionContext context, List<QueuedNode> starts,
            Set<String> borrowed, Map<String, WaitReason> examined, int[][] counts, int[] examinedPerClass) {
        ClassTable classes = snapshot.classes();
        long youngestAging = Long.MAX_VALUE;
        for (int c = 0; c < classes.size(); c++) {
            youngestAging = Math.min(youngestAging, classes.agingMillis(c));
        }
        Set<String> aged = new HashSet<>();
        if (snapshot.categories().targets().routing()) {
            return offerAgedByCategory(snapshot, context, starts, borrowed, examined, counts, examinedPerClass,
                    youngestAging);
        }
        Iterable<QueuedNode> oldestFirst = amongOpen ? snapshot.ready().openOldestFirst() : snapshot.ready().oldestFirst();
        for (QueuedNode node : oldestFirst) {
            long waited = snapshot.nowMillis() - node.readyAtMillis();
            if (waited <= youngestAging || context.freeSlots() == 0) {
                break;
            }
            if (waited > classes.agingMillis(node.classIndex())) {
                aged.add(node.id());
                offer(node, context, starts, borrowed, examined, counts, examinedPerClass);
            }
        }
        return aged;
    }

    /** Aged nodes with categories that have shares: all of them are lifted, and taken in their categories' turns. */
    private Set<String> offerAgedByCategory(Snapshot snapshot, DecisionContext context, List<QueuedNode> starts,
            Set<String> borrowed, Map<String, WaitReason> examined, int[][] counts, int[] examinedPerClass,
            long youngestAging) {
        List<QueuedNode> agedNodes = new ArrayList<>();
        for (QueuedNode node : snapshot.ready().oldestFirst()) {
            long waited = snapshot.nowMillis() - node.readyAtMillis();
            if (waited <= youngestAging) {
                break;
            }
            if (waited > snapshot.classes().agingMillis(node.classIndex())) {
                agedNodes.add(node);
            }
        }
        Set<String> aged = new HashSet<>();
        agedNodes.forEach(n -> aged.add(n.id()));
        Iterable<QueuedNode> turns = CategoryTurns.ofAged(agedNodes, context);
        for (QueuedNode node : turns) {
            if (context.freeSlots() == 0) {
                break;
            }
            offer(node, context, starts, borrowed, examined, counts, examinedPerClass);
        }
        waitForTurns(turns, context, null, aged, examined, counts, examinedPerClass);
        return aged;
    }

    /** Nodes of a category passed over for another's turn, not offered a slot: they wait for their category's turn. */
    private static void waitForTurns(Iterable<QueuedNode> turns, DecisionContext context, WaitReason[] classDefault,
            Set<String> skip, Map<String, WaitReason> examined, int[][] counts, int[] examinedPerClass) {
        for (Map.Entry<QueuedNode, WaitReason> wait : CategoryTurns.waiting(turns)) {
            QueuedNode node = wait.getKey();
            int c = node.classIndex();
            boolean classWaits = classDefault != null && classDefault[c] != null;
            if (!classWaits && !skip.contains(node.id()) && !examined.containsKey(node.id())
                    && !context.isStarted(node.id())) {
                examined.put(node.id(), wait.getValue());
                counts[c][wait.getValue().kind().ordinal()]++;
                examinedPerClass[c]++;
            }
        }
    }

    private void offer(QueuedNode node, DecisionContext context, List<QueuedNode> starts, Set<String> borrowed,
            Map<String, WaitReason> examined, int[][] counts, int[] examinedPerClass) {
        Optional<WaitReason> objection = firstObjection(node, context);
        if (objection.isEmpty()) {
            // a start beyond the class's quota is one the quota filter let borrow an idle slot
            if (context.holding(node.classIndex()) >= context.classes().quota(node.classIndex())) {
                borrowed.add(node.id());
            }
            context.start(node);
            starts.add(node);
        } else {
            WaitReason reason = objection.get();
            examined.put(node.id(), reason);
            counts[node.classIndex()][reason.kind().ordinal()]++;
            examinedPerClass[node.classIndex()]++;
        }
    }

    private Optional<WaitReason> gateObjection(DecisionContext context) {
        for (DispatchGate gate : gates) {
            Optional<WaitReason> reason = gate.objection(context);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private Optional<WaitReason> classObjection(int classIndex, DecisionContext context) {
        for (DispatchFilter filter : filters) {
            Optional<WaitReason> reason = filter.classObjection(classIndex, context);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private Optional<WaitReason> firstObjection(QueuedNode node, DecisionContext context) {
        for (DispatchFilter filter : filters) {
            Optional<WaitReason> reason = filter.objection(node, context);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
