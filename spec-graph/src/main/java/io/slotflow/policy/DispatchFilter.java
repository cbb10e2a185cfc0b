package io.slotflow.policy;

import java.util.Optional;

/**
 * One filter rule: may this ready node start now? The policy runs the filters in order on each
 * candidate; the first that objects keeps the node waiting, with its reason.
 */
public interface DispatchFilter {

    /** Short name used in tests and docs. */
    String name();

    /** Why the node must wait; empty when this rule lets it start. */
    Optional<WaitReason> objection(QueuedNode node, DecisionContext context);

    /**
     * Why no node of the class may start now, whatever the node; empty when its nodes must be asked
     * one by one. An objection here spares the policy a visit to each of the class's nodes.
     */
    default Optional<WaitReason> classObjection(int classIndex, DecisionContext context) {
        return Optional.empty();
    }
}
