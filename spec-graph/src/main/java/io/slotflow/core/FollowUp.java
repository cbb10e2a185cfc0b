package io.slotflow.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message the slot manager waits to see settled before the run counts as quiet: the outcome of
 * a finished session sent to its owner ({@code hops} empty), or a message that owner sent on because
 * of it (a dependent spec, the review injector: one hop per receiver). A receiver echoes the id back
 * when it has handled the message, naming the follow-ups it sent in turn.
 *
 * @param origin the session whose outcome started the chain
 * @param hops the receivers along the chain, outermost first
 */
public record FollowUp(SessionKey origin, List<String> hops) {

    public FollowUp {
        Objects.requireNonNull(origin, "origin");
        hops = List.copyOf(hops);
    }

    /** The outcome of {@code session}, sent to its owner. */
    public static FollowUp of(SessionKey session) {
        return new FollowUp(session, List.of());
    }

    /** The message this one's receiver sends on to {@code receiver}. */
    public FollowUp then(String receiver) {
        List<String> longer = new ArrayList<>(hops);
        longer.add(receiver);
        return new FollowUp(origin, longer);
    }
}
