package io.slotflow.event;

import io.slotflow.workspace.Worktree;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A dispatched node's session is running.
 *
 * @param pid the process id, or 0 for in-process runners
 * @param worktree in a git workspace, the attempt's worktree, branch and base commit (the target's
 *     tip when the worktree was created, right after the dispatch); version 2: before it, no session
 *     ran in a worktree of its own, so an older Slotflow must not read these as sessions that ran in
 *     the plan's directory
 */
@EventType(name = "session-started", version = 2)
public record SessionStarted(
        String node,
        int attempt,
        int slot,
        long pid,
        Instant at,
        Optional<Worktree> worktree) implements RunEvent {

    public SessionStarted {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        worktree = worktree == null ? Optional.empty() : worktree;
    }

    /** A session without a git workspace. */
    public SessionStarted(String node, int attempt, int slot, long pid, Instant at) {
        this(node, attempt, slot, pid, at, Optional.empty());
    }
}
