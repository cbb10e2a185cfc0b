package io.slotflow.plan;

/** Whether a session that succeeded with real output (not NOOP) is followed by one more of the same node. */
public enum Respawn {
    /** One more session of the node follows a productive one, as its own attempt. */
    ONCE,
    /** A succeeded node is done. */
    NEVER
}
