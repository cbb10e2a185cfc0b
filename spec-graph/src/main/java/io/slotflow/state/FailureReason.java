package io.slotflow.state;

import io.slotflow.event.SessionOutcome;

/** The one-line reason a node failed for good, as the run reports it. */
final class FailureReason {

    private FailureReason() {
    }

    static String of(SessionOutcome outcome, String detail, int failures, int maxAttempts) {
        String what = switch (outcome) {
            case TIMED_OUT -> "timed out";
            case CONFLICT -> "conflicted with the target branch";
            default -> "failed";
        };
        String why = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
        return what + why + ", " + failures + " of " + maxAttempts + " attempts used";
    }
}
