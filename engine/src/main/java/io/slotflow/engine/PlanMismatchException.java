package io.slotflow.engine;

/** A run id already names a run of another plan in the journal; nothing was written. */
public final class PlanMismatchException extends IllegalStateException {

    public PlanMismatchException(String runId) {
        super("run " + runId + " in this journal was started from a different plan; give this plan another run id");
    }
}
