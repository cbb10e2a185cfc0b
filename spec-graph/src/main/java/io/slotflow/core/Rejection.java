package io.slotflow.core;

/** Why the run core refused a control request (an API maps each to its status). */
public enum Rejection {
    /** The request itself is wrong (a K out of range). */
    INVALID,
    /** The run is not in a state that takes it (not begun, completed, stopping). */
    NOT_RUNNING,
    /** The request names a node the run does not have. */
    UNKNOWN,
    /** The node named cannot take the request: it already has its outcome, or is not a group. */
    NODE_CONFLICT
}
