package io.slotflow.state;

import io.slotflow.policy.Decision;
import io.slotflow.policy.ReadyNode;
import io.slotflow.policy.ReadyQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why each ready node of a folded run waits, as the dispatch policy would say now: how
 * {@code slotflow status} explains a queue it only knows from the journal.
 */
public final class WaitReasons {

    /** A ready node and why it waits. */
    public record Waiting(String node, String workClass, int attempt, Instant readyAt, String reason) {
    }

    private WaitReasons() {
    }

    /** The ready nodes in dispatch order, each with its reason. */
    public static List<Waiting> of(RunState state) {
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
        List<Waiting> waiting = new ArrayList<>();
        for (int c = 0; c < decider.classes().size(); c++) {
            for (ReadyNode node : queue.inOrder(c)) {
                String reason = starting.contains(node.id()) ? "starts at the next decision"
                        : decision.reasonFor(node.id(), c).describe();
                waiting.add(new Waiting(node.id(), decider.classes().name(c), node.attempt(),
                        Instant.ofEpochMilli(node.readyAtMillis()), reason));
            }
        }
        return waiting;
    }
}
