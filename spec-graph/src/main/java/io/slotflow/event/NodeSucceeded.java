package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Final: the node completed (noop when its session found nothing to do).
 */
@EventType(name = "node-succeeded", version = 1)
public record NodeSucceeded(
        String node,
        int attempt,
        boolean noop,
        Instant at) implements RunEvent {

    public NodeSucceeded {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
    }
}
