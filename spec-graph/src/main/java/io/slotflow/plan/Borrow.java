package io.slotflow.plan;

/** Whether a class at its quota may borrow a slot that would otherwise sit idle. */
public enum Borrow {
    /**
     * EASY backfill: beyond its quota, a node may take a free slot when no higher-ranked node is ready
     * and its estimate ends before higher-ranked work is predicted to need that slot.
     */
    BACKFILL,
    /** The quota is a hard cap. */
    NEVER
}
