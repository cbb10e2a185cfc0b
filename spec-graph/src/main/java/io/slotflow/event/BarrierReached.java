package io.slotflow.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A sync barrier fired for these specs.
 *
 * @param specs the completed specs it covers
 */
@EventType(name = "barrier-reached", version = 1)
public record BarrierReached(
        String barrier,
        List<String> specs,
        Instant at) implements RunEvent {

    public BarrierReached {
        Objects.requireNonNull(barrier, "barrier");
        specs = List.copyOf(specs);
        Objects.requireNonNull(at, "at");
    }
}
