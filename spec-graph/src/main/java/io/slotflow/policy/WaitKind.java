package io.slotflow.policy;

/** Why a ready node was not started, as a kind for counting and telemetry. */
public enum WaitKind {
    NO_FREE_SLOT,
    CLASS_QUOTA,
    SLOT_RESERVED,
    HELD_FOR_IDLE_SLOT,
    FOOTPRINT_CONFLICT,
    WAVE_IN_PROGRESS,
    /** Ready, but no decision has looked at it yet (the time its announcement took to be decided on). */
    NOT_YET_DECIDED,
    /** Dispatch was paused by an operator. */
    DISPATCH_PAUSED,
    /** Another category, further below its target share, goes first. */
    CATEGORY_TURN,
    /** A session of its category runs and the category runs alone. */
    CATEGORY_RUNS_ALONE,
    /** Its category cools down after NOOP sessions in a row. */
    CATEGORY_COOLING_DOWN,
    /** A counted resource it uses has no room left. */
    RESOURCE_FULL
}
