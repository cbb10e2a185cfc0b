package io.slotflow.state;

import io.slotflow.footprint.Footprint;
import java.time.Instant;

/**
 * A session holding a slot.
 *
 * @param node node id
 * @param attempt its attempt
 * @param slot 0-based slot index
 * @param workClass the class it runs in
 * @param footprint the tokens it holds
 * @param dispatchedAt when the slot was assigned
 * @param startedAt when the session reported it runs; null until then
 * @param host the session host (cluster member) that runs it
 * @param borrowed it holds a slot beyond its class's quota, lent by backfill
 */
public record RunningSession(
        String node, int attempt, int slot, String workClass, Footprint footprint, Instant dispatchedAt, Instant startedAt,
        String host, boolean borrowed) {

    RunningSession started(Instant at) {
        return new RunningSession(node, attempt, slot, workClass, footprint, dispatchedAt, at, host, borrowed);
    }
}
