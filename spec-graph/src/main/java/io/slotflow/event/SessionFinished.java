package io.slotflow.event;

import io.slotflow.workspace.GitWork;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A session ended and freed its slot.
 *
 * @param exitCode null when no process exit code applies
 * @param detail a short human explanation, may be empty
 * @param git in a git workspace, what the session did there (commits, files, undeclared writes) and
 *     what became of its branch (merged, conflict, gate failed, noop); version 2: the outcome may be
 *     CONFLICT, which an older Slotflow does not know
 */
@EventType(name = "session-finished", version = 2)
public record SessionFinished(
        String node,
        int attempt,
        int slot,
        SessionOutcome outcome,
        Integer exitCode,
        String detail,
        Instant at,
        Optional<GitWork> git) implements RunEvent {

    public SessionFinished {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
        git = git == null ? Optional.empty() : git;
    }

    /** A session without a git workspace. */
    public SessionFinished(String node, int attempt, int slot, SessionOutcome outcome, Integer exitCode, String detail,
            Instant at) {
        this(node, attempt, slot, outcome, exitCode, detail, at, Optional.empty());
    }
}
