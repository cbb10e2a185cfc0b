package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * While a session ran in its git worktree, the target branch moved and the new commits touch files
 * the session changed so far or declared: the session was told (its {@code SLOTFLOW_DRIFT_FILE}),
 * so that it can rebase before it finishes. Journaled only for the attempt still running.
 *
 * @param target the target branch
 * @param base the commit the session's branch was made from
 * @param tip the target's tip that was seen
 * @param files the files both sides touch
 */
@EventType(name = "drift-seen", version = 1)
public record DriftSeen(
        String node,
        int attempt,
        String target,
        String base,
        String tip,
        List<String> files,
        Instant at) implements RunEvent {

    public DriftSeen {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(tip, "tip");
        files = List.copyOf(files);
        Objects.requireNonNull(at, "at");
    }
}
