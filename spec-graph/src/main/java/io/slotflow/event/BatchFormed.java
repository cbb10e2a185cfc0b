package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Held reviews of one type merged into one batched session.
 *
 * @param batch the batch node's id
 * @param members the review nodes it runs
 */
@EventType(name = "batch-formed", version = 1)
public record BatchFormed(
        String batch,
        String reviewType,
        List<String> members,
        Instant at) implements RunEvent {

    public BatchFormed {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(reviewType, "reviewType");
        members = List.copyOf(members);
        Objects.requireNonNull(at, "at");
    }
}
