package io.slotflow.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A class of work with its share of the slots.
 *
 * @param name e.g. {@code implementation}, {@code review}
 * @param rank lower ranks are dispatched first
 * @param quota the most slots the class may hold at once
 * @param reserve slots kept free for the class while it has ready work
 * @param timeout a session running longer is killed
 * @param heartbeat a session silent (no output) for longer is killed; null when not watched
 * @param maxAttempts how many times a node of this class may fail before it fails for good
 * @param aging a node ready for longer is lifted above every class, so no class waits forever
 * @param borrow whether the class may take an idle slot beyond its quota; plans stored before
 *     backfill existed read as {@link Borrow#NEVER}, so an old run resumes as it began
 * @param workspace whether its sessions get a git worktree; {@link WorkspaceKind#INHERIT} (and plans
 *     stored before workspaces existed) take the plan's
 * @param retryBackoff how long a failed node waits before its next attempt; plans stored before it
 *     existed read as {@link RetryBackoff#NONE}
 * @param respawn whether a productive session of the class is followed by one more of the same node;
 *     plans stored before respawns existed read as {@link Respawn#NEVER}
 */
public record WorkClass(
        String name,
        int rank,
        int quota,
        int reserve,
        Duration timeout,
        Duration heartbeat,
        int maxAttempts,
        Duration aging,
        Borrow borrow,
        WorkspaceKind workspace,
        @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                valueFilter = RetryBackoff.NoneFilter.class)
        RetryBackoff retryBackoff,
        Respawn respawn) {

    public static final String IMPLEMENTATION = "implementation";
    public static final String REVIEW = "review";

    public WorkClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(aging, "aging");
        borrow = borrow == null ? Borrow.NEVER : borrow;
        workspace = workspace == null ? WorkspaceKind.INHERIT : workspace;
        retryBackoff = retryBackoff == null ? RetryBackoff.NONE : retryBackoff;
        respawn = respawn == null ? Respawn.NEVER : respawn;
    }

    /** A class with no retry backoff. */
    public WorkClass(String name, int rank, int quota, int reserve, Duration timeout, Duration heartbeat,
            int maxAttempts, Duration aging, Borrow borrow, WorkspaceKind workspace, Respawn respawn) {
        this(name, rank, quota, reserve, timeout, heartbeat, maxAttempts, aging, borrow, workspace, RetryBackoff.NONE,
                respawn);
    }

    /** A class with the plan's workspace whose sessions are never respawned. */
    public WorkClass(String name, int rank, int quota, int reserve, Duration timeout, Duration heartbeat,
            int maxAttempts, Duration aging, Borrow borrow, RetryBackoff retryBackoff) {
        this(name, rank, quota, reserve, timeout, heartbeat, maxAttempts, aging, borrow, WorkspaceKind.INHERIT,
                retryBackoff, Respawn.NEVER);
    }

    /** A class with the plan's workspace and no retry backoff. */
    public WorkClass(String name, int rank, int quota, int reserve, Duration timeout, Duration heartbeat,
            int maxAttempts, Duration aging, Borrow borrow) {
        this(name, rank, quota, reserve, timeout, heartbeat, maxAttempts, aging, borrow, WorkspaceKind.INHERIT,
                RetryBackoff.NONE, Respawn.NEVER);
    }

    /** A class whose quota is a hard cap. */
    public WorkClass(String name, int rank, int quota, int reserve, Duration timeout, Duration heartbeat,
            int maxAttempts, Duration aging) {
        this(name, rank, quota, reserve, timeout, heartbeat, maxAttempts, aging, Borrow.NEVER);
    }

    public WorkClass withQuota(int newQuota) {
        return new WorkClass(name, rank, newQuota, reserve, timeout, heartbeat, maxAttempts, aging, borrow, workspace,
                retryBackoff, respawn);
    }

    public WorkClass withReserve(int newReserve) {
        return new WorkClass(name, rank, quota, newReserve, timeout, heartbeat, maxAttempts, aging, borrow, workspace,
                retryBackoff, respawn);
    }

    public WorkClass withBorrow(Borrow newBorrow) {
        return new WorkClass(name, rank, quota, reserve, timeout, heartbeat, maxAttempts, aging, newBorrow, workspace,
                retryBackoff, respawn);
    }
}
