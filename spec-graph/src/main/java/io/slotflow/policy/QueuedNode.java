package io.slotflow.policy;

import io.slotflow.footprint.CompiledFootprint;
import io.slotflow.graph.NodeDef;

/**
 * A node in the ready queue, with what the policy orders and filters it by (the ready node itself
 * is a {@link io.slotflow.state.ReadyNode}; this is its place in the queue).
 *
 * @param node the node's definition
 * @param attempt the attempt it will run as
 * @param classIndex index into {@link ClassTable}
 * @param readyAtMillis when it became ready (epoch ms, or virtual ms in the simulator)
 * @param bottomLevelMillis critical-path length from this node to the end of the plan
 * @param specOrder its spec's position in the plan
 * @param sequence order of arrival in the queue: the "first ready" tie-break
 * @param footprint interned tokens
 */
public record QueuedNode(
        NodeDef node,
        int attempt,
        int classIndex,
        long readyAtMillis,
        long bottomLevelMillis,
        int specOrder,
        long sequence,
        CompiledFootprint footprint) {

    public String id() {
        return node.id();
    }
}
