package io.slotflow.state;

import io.slotflow.graph.NodeDef;
import java.time.Instant;

/**
 * A node ready for an attempt, as its owner (a spec or the review injector) announces it to the
 * slot manager. Carries the whole definition: reviews and batches exist only in their owner's state.
 * Journaled as {@link io.slotflow.event.NodeReady}; queued by the policy as a
 * {@link io.slotflow.policy.QueuedNode}.
 */
public record ReadyNode(NodeDef node, int attempt, Instant readyAt) {
}
