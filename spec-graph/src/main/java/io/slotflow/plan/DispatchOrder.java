package io.slotflow.plan;

/** The order in which the ready nodes of one rank are offered a free slot. */
public enum DispatchOrder {
    /** Longest critical path first, then the earlier spec, then the first ready. The default. */
    CRITICAL_PATH,
    /** First ready, first served, like a plain queue; kept for comparison. */
    FIRST_READY
}
