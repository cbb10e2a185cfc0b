package io.slotflow.engine.runner;

import io.slotflow.event.SessionOutcome;
import java.util.Objects;

/**
 * How a session ended, as its runner saw it.
 *
 * @param outcome SUCCEEDED, NOOP or FAILED (the engine itself decides TIMED_OUT and CANCELLED)
 * @param exitCode the process exit code, or null for in-process sessions
 * @param detail a short explanation, e.g. "exit 3" or "command not found"; may be empty
 * @param git in a git workspace, what the session did there and what became of its branch
 */
public record SessionResult(SessionOutcome outcome, Integer exitCode, String detail,
        java.util.Optional<io.slotflow.workspace.GitWork> git) {

    public SessionResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        git = git == null ? java.util.Optional.empty() : git;
    }

    public SessionResult(SessionOutcome outcome, Integer exitCode, String detail) {
        this(outcome, exitCode, detail, java.util.Optional.empty());
    }

    /** Its branch was merged: a success whatever else was decided about the session meanwhile. */
    public boolean merged() {
        return git.filter(g -> g.result() == io.slotflow.workspace.MergeResult.MERGED).isPresent();
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
