package io.slotflow.core;

import io.slotflow.event.QueueDecided;
import io.slotflow.event.RecordedWait;
import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wait reasons last journaled for the queued nodes, so that each decision journals only what
 * changed ({@link QueueDecided}). Command-side bookkeeping of {@link RunCore}: a restart begins with
 * none, as the journal's {@code run-resumed} tells its readers. A decision costs O(queued nodes) here.
 */
final class WaitRecord {

    private final Map<String, RecordedWait> recorded = new HashMap<>();

    /**
     * The record of a decision, taken once its starts have left the queue; empty when it changed no
     * reason (its starts are then checked against the reasons recorded before).
     */
    Optional<QueueDecided> after(Decision decision, ReadyQueue queue, List<String> started, Instant now) {
        Map<String, RecordedWait> changed = new HashMap<>();
        for (int c = 0; c < queue.classCount(); c++) {
            for (QueuedNode node : queue.inOrder(c)) {
                RecordedWait reason = RecordedWait.of(decision.reasonFor(node.id(), c));
                if (!reason.equals(recorded.put(node.id(), reason))) {
                    changed.put(node.id(), reason);
                }
            }
        }
        List<String> left = new ArrayList<>();
        for (Iterator<String> it = recorded.keySet().iterator(); it.hasNext(); ) {
            String node = it.next();
            if (!queue.contains(node)) {
                it.remove();
                if (!started.contains(node)) {
                    left.add(node);
                }
            }
        }
        if (changed.isEmpty() && left.isEmpty()) {
            return Optional.empty();
        }
        left.sort(null);
        return Optional.of(new QueueDecided(started, changed, left, now));
    }
}
