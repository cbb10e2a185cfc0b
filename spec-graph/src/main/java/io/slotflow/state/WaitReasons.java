package io.slotflow.state;

import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why each ready node of a folded run waits, as the dispatch policy would say now: how
 * {@code slotflow status} explains a queue it only knows from the journal.
 */
public final class WaitReasons {

    private WaitReasons() {
    }

    /** The ready nodes in dispatch order, each with its reason. */
    public static List<WaitingNode> of(RunState state) {
        if (state.graph() == null) {
            return List.of();
        }
        SlotDecider decider = new SlotDecider(state.graph());
        ReadyQueue queue = decider.newQueue();
        for (NodeView node : state.nodesIn(NodeLifecycle.State.READY)) {
            queue.add(decider.readyNode(node.node(), node.attempt(), node.readyAt(), queue.nextSequence()));
        }
        Decision decision = decider.decide(state.slots(), queue, Set.of(), true, state.lastEventAt(), null,
                java.util.Map.of(io.slotflow.event.NodeDispatched.LOCAL, state.slots().slotCount()),
                state.categoryClock().use(state.lastEventAt())).decision();
        Set<String> starting = new java.util.HashSet<>();
        decision.starts().forEach(s -> starting.add(s.id()));
        List<WaitingNode> waiting = new ArrayList<>();
        for (int c = 0; c < decider.classes().size(); c++) {
            for (QueuedNode node : queue.inOrder(c)) {
                WaitReason reason = starting.contains(node.id()) ? WaitReason.StartsNext.INSTANCE
                        : decision.reasonFor(node.id(), c);
                waiting.add(new WaitingNode(node.id(), decider.classes().name(c), node.attempt(),
                        Instant.ofEpochMilli(node.readyAtMillis()), reason));
            }
        }
        return waiting;
    }
}
