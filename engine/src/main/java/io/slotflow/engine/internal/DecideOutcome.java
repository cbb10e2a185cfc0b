package io.slotflow.engine.internal;

import io.slotflow.core.FollowUp;
import io.slotflow.state.NodeOutcome;
import java.util.Optional;

/**
 * To a node's owner (its spec actor or the review injector): decide what follows this outcome. With
 * a follow-up, the slot manager waits for the owner to settle it; without, the outcome is told again
 * to an owner that missed it, and no one waits.
 */
public record DecideOutcome(NodeOutcome outcome, Optional<FollowUp> followUp)
        implements SpecActor.Command, ReviewInjector.Command {
}
