package io.slotflow.policy;

/**
 * One filter rule: may this ready node start now? The policy runs the filters in order on each
 * candidate; the first that answers with a reason keeps the node waiting.
 */
public interface DispatchFilter {

    /** Short name used in tests and docs. */
    String name();

    /** Null when the node passes, otherwise why it must wait. */
    WaitReason check(ReadyNode node, DecisionContext context);

    /**
     * True for a gate that answers the same for every node (it is asked once, with a null node,
     * before any node is visited).
     */
    default boolean isGate() {
        return false;
    }
}
