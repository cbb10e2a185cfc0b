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
    LOST;

    /** Succeeded or NOOP. */
    public boolean isSuccess() {
        return this == SUCCEEDED || this == NOOP;
    }

    /** Failed or timed out: counts against the class's max attempts. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT;
    }
}
