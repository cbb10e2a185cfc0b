package io.slotflow.policy;

/** Why a ready node was not started, as a kind for counting and telemetry. */
public enum WaitKind {
    NO_FREE_SLOT,
    CLASS_QUOTA,
    SLOT_RESERVED,
    HELD_FOR_IDLE_SLOT,
    FOOTPRINT_CONFLICT,
    WAVE_IN_PROGRESS
}
