package io.slotflow.verify;

import java.util.List;

/**
 * A broken guarantee, with the events that show it.
 *
 * @param guarantee which one (see {@link Guarantee})
 * @param message what happened, in one line
 * @param evidence positions (0-based) of the events that show it, in the checked list
 */
public record Violation(Guarantee guarantee, String message, List<Integer> evidence) {

    public Violation {
        evidence = List.copyOf(evidence);
    }

    @Override
    public String toString() {
        return guarantee.label() + ": " + message + " (events " + evidence + ")";
    }
}
