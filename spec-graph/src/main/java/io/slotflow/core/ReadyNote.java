package io.slotflow.core;

import io.slotflow.graph.NodeDef;
import java.time.Instant;

/**
 * A node announced to the slot manager as ready for an attempt. Carries the whole definition:
 * reviews and batches exist only in their owner's state.
 */
public record ReadyNote(NodeDef node, int attempt, Instant readyAt) {
}
