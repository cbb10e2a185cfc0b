package io.slotflow.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The queue-sort rule for categories with target shares: within one rank, the next node offered a
 * slot is one of the category furthest below its target share of the slot time — the smallest slot
 * time used per unit of target (stride scheduling over slot-milliseconds) — and within a category,
 * and between categories equally served, the rank's own order ({@link QueueOrder}).
 *
 * <p>A node started earlier in the same decision charges its category its estimate, so several free
 * slots are spread by share too. A category whose head was passed over for another's turn, and whose
 * nodes then found no slot, waits for its category's turn ({@link WaitReason.CategoryTurn}).
 *
 * <p>Lazy: nodes are drawn from the rank's order only as far as a category's next node is needed.
 * One instance per rank (and one for the aged nodes) per decision. Nodes started before it was
 * made (aged ones, higher ranks) are charged too.
 */
final class CategoryTurns implements Iterable<QueuedNode> {

    private final DecisionContext context;
    private final CategoryUse use;
    private final Iterator<QueuedNode> source;
    private final Map<String, ArrayDeque<QueuedNode>> buffered = new LinkedHashMap<>();
    private final Map<QueuedNode, Long> position = new HashMap<>();
    private final Map<String, List<QueuedNode>> drawnByCategory = new HashMap<>();
    private final Map<String, Long> charged = new HashMap<>();
    private final Set<String> passedOver = new java.util.LinkedHashSet<>();
    private int startsCharged;
    private long drawn;

    private CategoryTurns(Iterator<QueuedNode> source, DecisionContext context) {
        this.context = context;
        this.use = context.snapshot().categories();
        this.source = source;
    }

    /** The rank's nodes in the order their categories' turns come; the plain order when no category has a share. */
    static Iterable<QueuedNode> of(int[] band, DecisionContext context) {
        // within a category, and when none has a share, specs take their turns
        Iterable<QueuedNode> rankOrder = SpecRoundRobin.of(band, context);
        if (!context.snapshot().categories().targets().routing()) {
            return rankOrder;
        }
        return new CategoryTurns(rankOrder.iterator(), context);
    }

    /**
     * Aged nodes, given oldest first, in the order their categories' turns come: aging lifts a node
     * above every class, and shares still hold among the lifted (a long backlog ages every node).
     */
    static Iterable<QueuedNode> ofAged(List<QueuedNode> oldestFirst, DecisionContext context) {
        if (!context.snapshot().categories().targets().routing()) {
            return oldestFirst;
        }
        return new CategoryTurns(oldestFirst.iterator(), context);
    }

    /**
     * The nodes of this rank that may be waiting for their category's turn: those of a passed-over
     * category, each with that reason; the caller keeps it only for nodes not offered a slot. Empty
     * for a rank without category turns.
     */
    static List<Map.Entry<QueuedNode, WaitReason>> waiting(Iterable<QueuedNode> turns) {
        return turns instanceof CategoryTurns t ? t.waiting() : List.of();
    }

    @Override
    public Iterator<QueuedNode> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !buffered.values().stream().allMatch(ArrayDeque::isEmpty) || source.hasNext();
            }

            @Override
            public QueuedNode next() {
                return nextTurn();
            }
        };
    }

    private QueuedNode nextTurn() {
        chargeStarts();
        List<String> candidates = new ArrayList<>(use.targets().names());
        buffered.keySet().stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
        candidates.sort((a, b) -> Double.compare(stride(a), stride(b)));
        QueuedNode chosen = null;
        double chosenStride = 0;
        for (String category : candidates) {
            if (chosen != null && stride(category) > chosenStride) {
                break;
            }
            QueuedNode head = head(category);
            if (head != null && (chosen == null || position.get(head) < position.get(chosen))) {
                chosen = head;
                chosenStride = stride(category);
            }
        }
        if (chosen == null) {
            // a category the plan does not name (none is left in the named ones)
            QueuedNode next = draw();
            if (next == null) {
                throw new NoSuchElementException();
            }
            chosen = next;
        }
        String category = CategoryTargets.categoryOf(chosen.node());
        buffered.get(category).removeFirst();
        for (Map.Entry<String, ArrayDeque<QueuedNode>> other : buffered.entrySet()) {
            QueuedNode otherHead = other.getValue().peekFirst();
            if (otherHead != null && position.get(otherHead) < position.get(chosen)) {
                passedOver.add(other.getKey());
            }
        }
        return chosen;
    }

    /** Slot time used per unit of target share: the smallest goes first; a category with no target, last. */
    private double stride(String category) {
        double target = use.targets().target(category);
        long used = use.used(category) + charged.getOrDefault(category, 0L);
        return target <= 0 ? Double.POSITIVE_INFINITY : used / target;
    }

    /** Charges each node started in this decision since the last turn its estimate. */
    private void chargeStarts() {
        List<QueuedNode> started = context.startedNodes();
        for (; startsCharged < started.size(); startsCharged++) {
            QueuedNode s = started.get(startsCharged);
            charged.merge(CategoryTargets.categoryOf(s.node()), s.node().estimate().toMillis(), Long::sum);
        }
    }

    /** The category's next node in the rank's order, drawing from the rank as far as needed. */
    private QueuedNode head(String category) {
        ArrayDeque<QueuedNode> queue = buffered.get(category);
        while ((queue == null || queue.isEmpty()) && source.hasNext()) {
            draw();
            queue = buffered.get(category);
        }
        return queue == null ? null : queue.peekFirst();
    }

    private QueuedNode draw() {
        if (!source.hasNext()) {
            return null;
        }
        QueuedNode node = source.next();
        position.put(node, drawn++);
        buffered.computeIfAbsent(CategoryTargets.categoryOf(node.node()), c -> new ArrayDeque<>()).addLast(node);
        drawnByCategory.computeIfAbsent(CategoryTargets.categoryOf(node.node()), c -> new ArrayList<>()).add(node);
        return node;
    }

    private List<Map.Entry<QueuedNode, WaitReason>> waiting() {
        if (passedOver.isEmpty()) {
            return List.of();
        }
        while (source.hasNext()) {
            draw();
        }
        chargeStarts();
        long total = 0;
        for (String category : use.targets().names()) {
            total += use.used(category) + charged.getOrDefault(category, 0L);
        }
        List<Map.Entry<QueuedNode, WaitReason>> waiting = new ArrayList<>();
        for (String category : passedOver) {
            long used = use.used(category) + charged.getOrDefault(category, 0L);
            WaitReason reason = new WaitReason.CategoryTurn(category, total == 0 ? 0 : (double) used / total,
                    use.targets().target(category));
            // every node of the category: those offered a slot already have their reason (or started)
            for (QueuedNode node : drawnByCategory.getOrDefault(category, List.of())) {
                waiting.add(Map.entry(node, reason));
            }
        }
        return waiting;
    }
}
