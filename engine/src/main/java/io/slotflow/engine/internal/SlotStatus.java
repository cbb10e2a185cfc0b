package io.slotflow.engine.internal;

import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.ReadyNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitKind;
import io.slotflow.state.RunningSession;
import io.slotflow.state.SlotBoard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot manager's view right now: who holds each slot, and the ready queue with the reason each
 * node waits (as of the last decision). An immutable snapshot.
 *
 * @param running the sessions holding slots, in slot order
 * @param waiting the first ready nodes in dispatch order with their wait reasons (at most {@link #LISTED})
 * @param waitingByClass per class, how many ready nodes wait for each kind of reason
 * @param queued how many nodes are in the ready queue
 */
public record SlotStatus(
        List<RunningSession> running,
        List<Waiting> waiting,
        Map<String, Map<WaitKind, Integer>> waitingByClass,
        int queued) {

    /** How many waiting nodes a status lists by name. */
    public static final int LISTED = 200;

    /** A ready node and why it waits. */
    public record Waiting(String node, String workClass, int attempt, String reason) {
    }

    static SlotStatus of(SlotBoard board, ReadyQueue queue, Decision decision, ClassTable classes) {
        List<Waiting> waiting = new ArrayList<>();
        Map<String, Map<WaitKind, Integer>> byClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            if (decision != null) {
                byClass.put(classes.name(c), decision.waitingByKind(c));
            }
            for (ReadyNode node : queue.inOrder(c)) {
                if (waiting.size() >= LISTED) {
                    break;
                }
                String reason = board.isPaused() ? "dispatch is paused"
                        : decision == null ? "not decided yet" : decision.reasonFor(node.id(), c).describe();
                waiting.add(new Waiting(node.id(), classes.name(c), node.attempt(), reason));
            }
        }
        return new SlotStatus(board.running(), List.copyOf(waiting), Map.copyOf(byClass), queue.size());
    }
}
