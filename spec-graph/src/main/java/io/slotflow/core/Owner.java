package io.slotflow.core;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;

/** Who owns a node's outcome and announces it ready: its spec (a group), or the review injector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
public sealed interface Owner permits Owner.Spec, Owner.Injector {

    /** The spec actor of one spec: owns that spec's implementation groups. */
    record Spec(String id) implements Owner {
    }

    /** The review injector: owns reviews and batches. */
    enum Injector implements Owner { INSTANCE }

    /** The owner of a node, by the kind of its id. */
    static Owner of(String node) {
        return NodeIds.kindOf(node) == NodeKind.GROUP ? new Spec(NodeIds.specOf(node)) : Injector.INSTANCE;
    }
}
