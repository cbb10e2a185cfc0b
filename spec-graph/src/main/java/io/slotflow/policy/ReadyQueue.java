package io.slotflow.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ready nodes of a run, kept in dispatch order per class and in ready-time order overall, so a
 * decision walks them without sorting. Add and remove are O(log n + tokens).
 *
 * <p>It also keeps which nodes a running node's footprint blocks ({@link RunningConflicts}), and the
 * open ones — those no running node blocks — in the same orders, so that
 * {@link DispatchPolicy#decideAmongOpen} walks only those: a blocked node cannot start whatever else
 * holds. The running nodes are told at each such decision ({@link #runningAre}); until the first, none
 * runs and every node is open. The nodes added, removed, blocked or freed since the last such decision
 * are kept for it ({@link #drainTouched}), so that what follows a decision costs what changed.
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
    private final NavigableSet<QueuedNode>[] openByClass;
    private final NavigableSet<QueuedNode> openByReadyTime = new TreeSet<>(QueueOrder.OLDEST_FIRST);
    private final int[] blocked;
    private final RunningConflicts conflicts = new RunningConflicts();
    private final java.util.Set<String> touched = new java.util.LinkedHashSet<>();
    private boolean tracking;

    @SuppressWarnings("unchecked")
    public ReadyQueue(int classCount, QueueOrder order) {
        this.order = order;
        byClass = new NavigableSet[classCount];
        openByClass = new NavigableSet[classCount];
        blocked = new int[classCount];
        perSpec = new Map[classCount];
        for (int i = 0; i < classCount; i++) {
            byClass[i] = new TreeSet<>(order.comparator());
            openByClass[i] = new TreeSet<>(order.comparator());
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
        if (conflicts.queued(node) != null) {
            blocked[node.classIndex()]++;
        } else {
            openByClass[node.classIndex()].add(node);
            openByReadyTime.add(node);
        }
        touch(node.id());
        return true;
    }

    /** Removes a node by id; returns it, or null when it was not queued. */
    public QueuedNode remove(String id) {
        QueuedNode node = byId.remove(id);
        if (node != null) {
            byClass[node.classIndex()].remove(node);
            byReadyTime.remove(node);
            perSpec[node.classIndex()].computeIfPresent(specOf(node), (s, n) -> n == 1 ? null : n - 1);
            if (conflicts.blockerOf(id) != null) {
                blocked[node.classIndex()]--;
            } else {
                openByClass[node.classIndex()].remove(node);
                openByReadyTime.remove(node);
            }
            conflicts.left(node);
            touch(id);
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
        return () -> new MergedIterator(byClass, classIndexes);
    }

    /** Merges the per-class sets: each step takes the smallest head. */
    private final class MergedIterator implements java.util.Iterator<QueuedNode> {
        private final java.util.Iterator<QueuedNode>[] sources;
        private final QueuedNode[] heads;

        @SuppressWarnings("unchecked")
        MergedIterator(NavigableSet<QueuedNode>[] byClass, int[] classIndexes) {
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

    /**
     * The running nodes are now {@code running}: nodes the ended ones blocked are looked at again,
     * and the started ones block the nodes they conflict with. Costs what changed.
     */
    void runningAre(java.util.List<RunningNode> running) {
        if (!tracking) {
            tracking = true;
            touched.addAll(byId.keySet());
        }
        for (String id : conflicts.runningAre(running, this)) {
            QueuedNode node = byId.get(id);
            boolean nowBlocked = conflicts.blockerOf(id) != null;
            boolean wasOpen = openByClass[node.classIndex()].contains(node);
            if (nowBlocked && wasOpen) {
                openByClass[node.classIndex()].remove(node);
                openByReadyTime.remove(node);
                blocked[node.classIndex()]++;
            } else if (!nowBlocked && !wasOpen) {
                openByClass[node.classIndex()].add(node);
                openByReadyTime.add(node);
                blocked[node.classIndex()]--;
            }
            touched.add(id);
        }
    }

    /** The running node whose footprint blocks the queued node, as of the last {@link #runningAre}. */
    public java.util.Optional<String> blocker(String id) {
        return java.util.Optional.ofNullable(conflicts.blockerOf(id));
    }

    /** Nodes of the class a running node blocks. */
    public int blockedSize(int classIndex) {
        return blocked[classIndex];
    }

    /** Nodes of the class no running node blocks. */
    public int openSize(int classIndex) {
        return openByClass[classIndex].size();
    }

    /** The open nodes of several classes merged in dispatch order; a live read-only view. */
    public Iterable<QueuedNode> openInOrder(int[] classIndexes) {
        if (classIndexes.length == 1) {
            return java.util.Collections.unmodifiableNavigableSet(openByClass[classIndexes[0]]);
        }
        return () -> new MergedIterator(openByClass, classIndexes);
    }

    /** The open nodes, oldest first; a live read-only view. */
    public Iterable<QueuedNode> openOldestFirst() {
        return java.util.Collections.unmodifiableNavigableSet(openByReadyTime);
    }

    /**
     * The nodes added, removed, blocked or freed since the last call (every queued node at the first
     * decision among open nodes), in the order it happened; forgets them.
     */
    java.util.List<String> drainTouched() {
        java.util.List<String> drained = java.util.List.copyOf(touched);
        touched.clear();
        return drained;
    }

    private void touch(String id) {
        if (tracking) {
            touched.add(id);
        }
    }

    /** Every node, oldest first; a live read-only view. */
    public Iterable<QueuedNode> oldestFirst() {
        return java.util.Collections.unmodifiableNavigableSet(byReadyTime);
    }
}
