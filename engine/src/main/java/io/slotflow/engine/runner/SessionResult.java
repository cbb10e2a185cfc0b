package io.slotflow.engine.runner;

import io.slotflow.event.SessionOutcome;
import java.util.Objects;

/**
 * How a session ended, as its runner saw it.
 *
 * @param outcome SUCCEEDED, NOOP or FAILED (the engine itself decides TIMED_OUT and CANCELLED)
 * @param exitCode the process exit code, or null for in-process sessions
 * @param detail a short explanation, e.g. "exit 3" or "command not found"; may be empty
 */
public record SessionResult(SessionOutcome outcome, Integer exitCode, String detail) {

    public SessionResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static SessionResult succeeded() {
        return new SessionResult(SessionOutcome.SUCCEEDED, null, "");
    }

    public static SessionResult noop() {
        return new SessionResult(SessionOutcome.NOOP, null, "");
    }

    public static SessionResult failed(String detail) {
        return new SessionResult(SessionOutcome.FAILED, null, detail);
    }
}
