package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A spec took up its part of a retry ({@link RunRetried}): its failed and blocked groups wait again,
 * with a fresh count of failures, and the spec is active again.
 *
 * @param round the retry round this answers (each is taken up once)
 * @param nodes this spec's reopened groups
 */
@EventType(name = "nodes-reopened", version = 1)
public record NodesReopened(
        String spec,
        int round,
        List<String> nodes,
        Instant at) implements RunEvent {

    public NodesReopened {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(at, "at");
        nodes = List.copyOf(nodes);
    }
}
