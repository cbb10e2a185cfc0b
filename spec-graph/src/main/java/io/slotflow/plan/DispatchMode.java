package io.slotflow.plan;

/** How freed slots are refilled. */
public enum DispatchMode {
    /** 1-in-1-out: a freed slot is refilled at once with the best eligible node. The default. */
    ROLLING,
    /** A new batch starts only when every slot is empty; kept for comparison. */
    WAVE
}
