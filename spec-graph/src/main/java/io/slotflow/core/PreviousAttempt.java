package io.slotflow.core;

import io.slotflow.event.SessionOutcome;
import java.util.Objects;

/**
 * How a node's last earlier session ended, as the journal has it: a retry is told, so that it can
 * pick up where that one stopped (its log files are named by the attempt).
 */
public record PreviousAttempt(int attempt, SessionOutcome outcome) {

    public PreviousAttempt {
        Objects.requireNonNull(outcome, "outcome");
    }
}
