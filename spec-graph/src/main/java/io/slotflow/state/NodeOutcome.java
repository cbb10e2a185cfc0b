package io.slotflow.state;

import io.slotflow.event.SessionOutcome;
import java.util.Objects;

/** How a node's session (its attempt) ended, for its owner to decide what follows. */
public record NodeOutcome(String node, int attempt, SessionOutcome outcome, String detail) {

    public NodeOutcome {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
