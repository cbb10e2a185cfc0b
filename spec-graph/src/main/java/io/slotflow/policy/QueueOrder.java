package io.slotflow.policy;

import java.util.Comparator;

/**
 * The queue-sort rule: the order in which the ready nodes of one class are offered a slot.
 * Classes themselves are taken by rank, and aged nodes before all (see {@link DispatchPolicy}).
 */
public enum QueueOrder {

    /** Longest critical path first, then earlier spec, then first ready. The default. */
    CRITICAL_PATH_FIRST(Comparator.comparingLong(QueuedNode::bottomLevelMillis).reversed()
            .thenComparingInt(QueuedNode::specOrder)
            .thenComparingLong(QueuedNode::sequence)),

    /** First ready, first served: the baseline the benchmarks compare against. */
    FIRST_READY(Comparator.comparingLong(QueuedNode::readyAtMillis)
            .thenComparingLong(QueuedNode::sequence));

    private final Comparator<QueuedNode> comparator;

    QueueOrder(Comparator<QueuedNode> comparator) {
        this.comparator = comparator;
    }

    public Comparator<QueuedNode> comparator() {
        return comparator;
    }

    /** The queue order a plan asks for. */
    public static QueueOrder of(io.slotflow.plan.DispatchOrder order) {
        return order == io.slotflow.plan.DispatchOrder.FIRST_READY ? FIRST_READY : CRITICAL_PATH_FIRST;
    }

    /** Aged nodes are served oldest first, whatever their class. */
    public static final Comparator<QueuedNode> OLDEST_FIRST =
            Comparator.comparingLong(QueuedNode::readyAtMillis).thenComparingLong(QueuedNode::sequence);
}
