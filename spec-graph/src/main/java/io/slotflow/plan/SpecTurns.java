package io.slotflow.plan;

/**
 * How the ready nodes of several specs share one class rank ({@code run.spec-turns}).
 */
public enum SpecTurns {
    /**
     * The next slot goes to the spec with the fewest sessions running in the rank, then the rank's own
     * order: one spec's many ready groups cannot take every slot while another spec's wait. The default.
     */
    ROUND_ROBIN,
    /** The rank's own order alone (critical path, spec order, first ready), as before spec turns existed. */
    NONE
}
