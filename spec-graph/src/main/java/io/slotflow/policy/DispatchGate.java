package io.slotflow.policy;

import java.util.Optional;

/**
 * A rule that answers the same for every node: is dispatch open at all? The policy asks its gates
 * once per decision, before any node is visited; a closed gate keeps every node waiting.
 */
public interface DispatchGate {

    /** Short name used in tests and docs. */
    String name();

    /** Why nothing may start now; empty when the gate is open. */
    Optional<WaitReason> objection(DecisionContext context);
}
