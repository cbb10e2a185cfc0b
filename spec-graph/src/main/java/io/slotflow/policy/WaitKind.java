package io.slotflow.policy;

/** Why a ready node was not started, as a kind for counting and telemetry. */
public enum WaitKind {
    NO_FREE_SLOT,
    CLASS_QUOTA,
    SLOT_RESERVED,
    FOOTPRINT_CONFLICT,
    WAVE_IN_PROGRESS
}
