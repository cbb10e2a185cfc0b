package io.slotflow.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ready nodes of a run, kept in dispatch order per class and in ready-time order overall, so a
 * decision walks them without sorting. Add and remove are O(log n).
 *
 * <p>Mutable and owned by one actor (or the simulator); the policy only reads it, within one call.
 */
public final class ReadyQueue {

    private final Map<String, QueuedNode> byId = new HashMap<>();
    private final NavigableSet<QueuedNode>[] byClass;
    private final NavigableSet<QueuedNode> byReadyTime = new TreeSet<>(QueueOrder.OLDEST_FIRST);
    private final Map<String, Integer>[] perSpec;
    private final QueueOrder order;
    private long sequence;

    @SuppressWarnings("unchecked")
    public ReadyQueue(int classCount, QueueOrder order) {
        this.order = order;
        byClass = new NavigableSet[classCount];
        perSpec = new Map[classCount];
        for (int i = 0; i < classCount; i++) {
            byClass[i] = new TreeSet<>(order.comparator());
            perSpec[i] = new HashMap<>();
        }
    }

    /** The sequence number to give the next node added: the "first ready" order. */
    public long nextSequence() {
        return sequence++;
    }

    /** Adds a node; false (and no change) when a node with that id is already queued. */
    public boolean add(QueuedNode node) {
        if (byId.putIfAbsent(node.id(), node) != null) {
            return false;
        }
        sequence = Math.max(sequence, node.sequence() + 1);
        byClass[node.classIndex()].add(node);
        byReadyTime.add(node);
        perSpec[node.classIndex()].merge(specOf(node), 1, Integer::sum);
        return true;
    }

    /** Removes a node by id; returns it, or null when it was not queued. */
    public QueuedNode remove(String id) {
        QueuedNode node = byId.remove(id);
        if (node != null) {
            byClass[node.classIndex()].remove(node);
            byReadyTime.remove(node);
            perSpec[node.classIndex()].computeIfPresent(specOf(node), (s, n) -> n == 1 ? null : n - 1);
        }
        return node;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public QueuedNode get(String id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    public int size(int classIndex) {
        return byClass[classIndex].size();
    }

    /** Ready nodes of the class that belong to the spec. O(1). */
    public int size(int classIndex, String spec) {
        return perSpec[classIndex].getOrDefault(spec, 0);
    }

    /** The spec a node takes turns as: its own, or, for a batch (several specs), its id. */
    static String specOf(QueuedNode node) {
        return node.node().spec() != null ? node.node().spec() : node.id();
    }

    public int classCount() {
        return byClass.length;
    }

    /** The class's nodes in dispatch order; a live read-only view. */
    public Iterable<QueuedNode> inOrder(int classIndex) {
        return java.util.Collections.unmodifiableNavigableSet(byClass[classIndex]);
    }

    /** The nodes of several classes merged in dispatch order; a live read-only view. */
    public Iterable<QueuedNode> inOrder(int[] classIndexes) {
        if (classIndexes.length == 1) {
            return inOrder(classIndexes[0]);
        }
        return () -> new MergedIterator(classIndexes);
    }

    /** Merges the per-class sets: each step takes the smallest head. */
    private final class MergedIterator implements java.util.Iterator<QueuedNode> {
        private final java.util.Iterator<QueuedNode>[] sources;
        private final QueuedNode[] heads;

        @SuppressWarnings("unchecked")
        MergedIterator(int[] classIndexes) {
            sources = new java.util.Iterator[classIndexes.length];
            heads = new QueuedNode[classIndexes.length];
            for (int i = 0; i < classIndexes.length; i++) {
                sources[i] = byClass[classIndexes[i]].iterator();
                heads[i] = sources[i].hasNext() ? sources[i].next() : null;
            }
        }

        @Override
        public boolean hasNext() {
            for (QueuedNode head : heads) {
                if (head != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public QueuedNode next() {
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (best < 0 || order.comparator().compare(heads[i], heads[best]) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new java.util.NoSuchElementException();
            }
            QueuedNode next = heads[best];
            heads[best] = sources[best].hasNext() ? sources[best].next() : null;
            return next;
        }
    }

    /** Every node, oldest first; a live read-only view. */
    public Iterable<QueuedNode> oldestFirst() {
        return java.util.Collections.unmodifiableNavigableSet(byReadyTime);
    }
}
