package io.slotflow.event;

/** How a session ended. */
public enum SessionOutcome {
    /** Exit 0. */
    SUCCEEDED,
    /** Any other exit, or the runner failed to start it. */
    FAILED,
    /** Killed after its class's timeout or heartbeat timeout. */
    TIMED_OUT,
    /** It found nothing to do (the documented NOOP exit code); counts as success. */
    NOOP,
    /** Stopped on request (interrupt); run again when the run resumes. */
    CANCELLED,
    /** It was running when the engine died; run again as a new attempt. */
    LOST,
    /**
     * Its git branch could not be rebased onto the target's new tip: the node runs again once from
     * that tip, then fails for good. Counts as a failed attempt.
     */
    CONFLICT;

    /** Succeeded or NOOP. */
    public boolean isSuccess() {
        return this == SUCCEEDED || this == NOOP;
    }

    /** Failed, timed out or conflicted: counts against the class's max attempts. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == CONFLICT;
    }
}
