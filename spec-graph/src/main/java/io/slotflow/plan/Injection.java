package io.slotflow.plan;

/** How a sync barrier's review nodes enter the ready queue. */
public enum Injection {
    /** Ready as soon as the barrier is reached. */
    EAGER,
    /** Held, and released only when a slot would otherwise sit idle with no higher-class work ready. */
    LAZY,
    /** Held like lazy; on release, pending reviews of one type are merged into one session. */
    BATCHED
}
