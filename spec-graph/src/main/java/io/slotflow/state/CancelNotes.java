package io.slotflow.state;

import io.slotflow.event.NodeCancelled;

/** How a cancelled node's line reads in a status, a summary and a log. */
public final class CancelNotes {

    private CancelNotes() {
    }

    /** "cancelled by alice (stuck on a lock)", or "cancelled" when neither was given. */
    public static String detail(NodeCancelled e) {
        String who = e.by().isBlank() ? "" : " by " + e.by();
        String why = e.reason().isBlank() ? "" : " (" + e.reason() + ")";
        return "cancelled" + who + why;
    }
}
