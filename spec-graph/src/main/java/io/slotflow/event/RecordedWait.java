package io.slotflow.event;

import io.slotflow.policy.WaitKind;
import io.slotflow.policy.WaitReason;
import java.util.Objects;

/**
 * A wait reason as the journal keeps it: its kind and what it names, without the figures that
 * change at every decision (a category's share, a cooldown's end), so that a reason is written
 * again only when it really changes.
 *
 * @param kind the reason's kind
 * @param about the node a footprint conflict is with, the class at its quota or a reserve is kept
 *     for, the category of a category reason; empty for the others
 */
public record RecordedWait(WaitKind kind, String about) {

    public RecordedWait {
        Objects.requireNonNull(kind, "kind");
        about = about == null ? "" : about;
    }

    /** The journal form of a reason the policy gave. */
    public static RecordedWait of(WaitReason reason) {
        String about;
        if (reason instanceof WaitReason.FootprintConflict r) {
            about = r.withNode();
        } else if (reason instanceof WaitReason.ClassQuota r) {
            about = r.workClass();
        } else if (reason instanceof WaitReason.SlotReserved r) {
            about = r.forClass();
        } else if (reason instanceof WaitReason.CategoryTurn r) {
            about = r.category();
        } else if (reason instanceof WaitReason.CategoryRunsAlone r) {
            about = r.category();
        } else if (reason instanceof WaitReason.CategoryCoolingDown r) {
            about = r.category();
        } else if (reason instanceof WaitReason.ResourceFull r) {
            about = r.resource();
        } else {
            about = "";
        }
        return new RecordedWait(reason.kind(), about);
    }
}
