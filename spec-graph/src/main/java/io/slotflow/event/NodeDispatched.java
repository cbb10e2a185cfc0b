package io.slotflow.event;

import io.slotflow.footprint.Footprint;
import io.slotflow.policy.WaitKind;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The slot manager assigned a ready node to a slot. Persisted before its session starts.
 *
 * @param slot 0-based slot index
 * @param workClass the class it runs in
 * @param footprint the tokens it holds while it runs
 * @param readyAt when the node became ready for this attempt
 * @param waitedMillis how long it waited, split by the policy's wait reasons
 * @param host the session host (cluster member) that runs it; {@code local} in one process, and for
 *     events written before hosts existed
 * @param borrowed the start takes a slot beyond its class's quota, lent by backfill (version 2: a
 *     start beyond the quota is no longer a violation when it says so, so an older Slotflow must not
 *     read it; version 1 events read as not borrowed)
 */
@EventType(name = "node-dispatched", version = 2)
public record NodeDispatched(
        String node,
        int attempt,
        int slot,
        String workClass,
        Footprint footprint,
        Instant readyAt,
        Map<WaitKind, Long> waitedMillis,
        Instant at,
        String host,
        boolean borrowed) implements RunEvent {

    /** The session host of a run in one process. */
    public static final String LOCAL = "local";


    public NodeDispatched {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(readyAt, "readyAt");
        waitedMillis = waitedMillis == null ? Map.of() : Map.copyOf(waitedMillis);
        Objects.requireNonNull(at, "at");
        host = host == null ? LOCAL : host;
    }

    /** A start within its class's quota. */
    public NodeDispatched(String node, int attempt, int slot, String workClass, Footprint footprint, Instant readyAt,
            Map<WaitKind, Long> waitedMillis, Instant at, String host) {
        this(node, attempt, slot, workClass, footprint, readyAt, waitedMillis, at, host, false);
    }
}
