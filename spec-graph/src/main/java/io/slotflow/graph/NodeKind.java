package io.slotflow.graph;

/** What a node is. */
public enum NodeKind {
    /** An implementation group of a spec: {@code <spec>:<group>}. */
    GROUP,
    /** A review of a completed spec: {@code <spec>:<group>:<review-type>}. */
    REVIEW,
    /** Several pending reviews of one type run as one session: {@code batch-<n>:<review-type>}. */
    BATCH
}
