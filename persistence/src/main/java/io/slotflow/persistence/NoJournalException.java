package io.slotflow.persistence;

/**
 * There is no journal where a reader was pointed (a state directory where nothing ran, a database
 * without Slotflow's tables). Readers say so and create nothing.
 */
public final class NoJournalException extends RuntimeException {

    public NoJournalException(String message) {
        super(message);
    }
}
