package io.slotflow.state;

import io.slotflow.policy.ClassTable;

/**
 * How many held (lazy or batched) reviews to release: only into slots that would otherwise sit
 * idle, only while no node of a higher-ranked class waits in the ready queue, and never more than
 * the review class's quota can start.
 */
public final class IdleRelease {

    private IdleRelease() {
    }

    /**
     * @param idleSlots slots the last decision left free
     * @param queued ready nodes per class index
     * @param running running sessions per class index
     * @param reviewClass class index of the reviews to release
     */
    public static int releasable(int idleSlots, int[] queued, int[] running, ClassTable classes, int reviewClass) {
        if (idleSlots <= 0) {
            return 0;
        }
        for (int c = 0; c < classes.size(); c++) {
            if (classes.rank(c) < classes.rank(reviewClass) && queued[c] > 0) {
                return 0;
            }
        }
        int headroom = classes.quota(reviewClass) - running[reviewClass] - queued[reviewClass];
        return Math.max(0, Math.min(idleSlots, headroom));
    }
}
