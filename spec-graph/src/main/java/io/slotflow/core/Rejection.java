package io.slotflow.core;

/** Why the run core refused a control request (an API maps each to its status). */
public enum Rejection {
    /** The request itself is wrong (a K out of range). */
    INVALID,
    /** The run is not in a state that takes it (not begun, completed, stopping). */
    NOT_RUNNING
}
