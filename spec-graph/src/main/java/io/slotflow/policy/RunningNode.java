package io.slotflow.policy;

import io.slotflow.footprint.CompiledFootprint;
import java.util.List;

/**
 * A node holding a slot, as the policy sees it.
 *
 * @param expectedEndMillis when its estimate runs out (start + estimate); a session past it may end
 *     at any moment
 * @param releases the classes of the nodes its success makes ready (those whose other dependencies
 *     are all done, or running and expected to end sooner), one entry per node: what backfill
 *     predicts higher-ranked work from
 */
public record RunningNode(String id, int classIndex, CompiledFootprint footprint, long expectedEndMillis,
        List<Integer> releases) {

    public RunningNode {
        releases = List.copyOf(releases);
    }

    /** A node with nothing known of its end: it may end at any moment and releases nothing. */
    public RunningNode(String id, int classIndex, CompiledFootprint footprint) {
        this(id, classIndex, footprint, Long.MIN_VALUE, List.of());
    }

    /** The same node with what is predicted of its end. */
    public RunningNode expecting(long endMillis, List<Integer> released) {
        return new RunningNode(id, classIndex, footprint, endMillis, released);
    }
}
