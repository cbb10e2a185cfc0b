package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The spec cannot complete: some of its groups failed or are blocked.
 *
 * @param failedNodes its groups that failed or are blocked
 */
@EventType(name = "spec-failed", version = 1)
public record SpecFailed(
        String spec,
        List<String> failedNodes,
        Instant at) implements RunEvent {

    public SpecFailed {
        Objects.requireNonNull(spec, "spec");
        failedNodes = List.copyOf(failedNodes);
        Objects.requireNonNull(at, "at");
    }
}
