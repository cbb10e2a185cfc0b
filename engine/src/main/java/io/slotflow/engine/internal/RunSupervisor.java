package io.slotflow.engine.internal;

/** Hears the milestones of a run from its actors. Thread-safe. */
public interface RunSupervisor {

    /** The plan is in the journal (first start) or the run resumed. */
    void begun(boolean resumed);

    /** The run completed: every node has its final outcome. */
    void completed();

    /** Dispatching stopped on request and every session was cancelled. */
    void interrupted();

    /** The run cannot go on (another plan under this run id, the journal gone for good, …). */
    void failed(String reason);
}
