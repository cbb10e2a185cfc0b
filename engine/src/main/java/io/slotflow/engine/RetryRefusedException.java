package io.slotflow.engine;

/** A retry asked of a run that cannot be retried: it has not finished, or nothing in it failed. */
public final class RetryRefusedException extends RuntimeException {

    public RetryRefusedException(String reason) {
        super(reason);
    }
}
