package io.slotflow.state;

/** Where a run stands, as its journal tells it, in the words every command uses. */
public enum RunPhase {
    /** Every node reached its final outcome and none failed. */
    COMPLETED("completed"),
    /** Every node reached its final outcome; some failed or were blocked. */
    COMPLETED_WITH_FAILURES("completed with failures"),
    /** Stopped on request (Ctrl-C, SIGTERM, the API); the same run id resumes it. */
    INTERRUPTED("interrupted"),
    /** Neither completed nor interrupted: running now, or its engine stopped without a word. */
    NOT_COMPLETED("running or stopped");

    private final String words;

    RunPhase(String words) {
        this.words = words;
    }

    public static RunPhase of(RunState state) {
        if (state.isCompleted()) {
            return state.count(NodeLifecycle.State.FAILED) + state.count(NodeLifecycle.State.BLOCKED)
                    + state.count(NodeLifecycle.State.CANCELLED) == 0
                    ? COMPLETED : COMPLETED_WITH_FAILURES;
        }
        return state.isInterrupted() ? INTERRUPTED : NOT_COMPLETED;
    }

    /** "completed with failures". */
    public String words() {
        return words;
    }
}
