package io.slotflow.event;

import io.slotflow.plan.Injection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Review nodes created by a barrier; eager ones become ready in the same write, lazy and batched ones are held.
 */
@EventType(name = "reviews-created", version = 1)
public record ReviewsCreated(
        String barrier,
        List<String> nodes,
        Injection injection,
        Instant at) implements RunEvent {

    public ReviewsCreated {
        Objects.requireNonNull(barrier, "barrier");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(at, "at");
    }
}
