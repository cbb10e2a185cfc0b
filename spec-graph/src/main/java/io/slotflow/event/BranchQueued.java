package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A session of a git workspace ended with commits on its branch: the branch entered the merge
 * queue and the session's slot is free again. The node's footprint stays held, and its outcome waits
 * for the queue: the attempt's {@code session-finished} (merged, conflict, gate failed) follows when
 * the queue is done with the branch. A resume finds the attempt waiting and takes its branch back
 * into the queue.
 *
 * @param slot the slot the session held, free from now on
 * @param branch the attempt's branch
 * @param commits commits on the branch over its base when it entered the queue
 * @param files the files those commits change
 */
@EventType(name = "branch-queued", version = 1)
public record BranchQueued(
        String node,
        int attempt,
        int slot,
        String branch,
        int commits,
        List<String> files,
        Instant at) implements RunEvent {

    public BranchQueued {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(branch, "branch");
        files = List.copyOf(files);
        Objects.requireNonNull(at, "at");
    }
}
