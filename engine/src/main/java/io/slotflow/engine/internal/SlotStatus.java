package io.slotflow.engine.internal;

import io.slotflow.policy.ClassTable;
import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitKind;
import io.slotflow.policy.WaitReason;
import io.slotflow.state.RunningSession;
import io.slotflow.state.SlotBoard;
import io.slotflow.state.WaitingNode;
import java.time.Instant;
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
        List<WaitingNode> waiting,
        Map<String, Map<WaitKind, Integer>> waitingByClass,
        int queued) {

    /** How many waiting nodes a status lists by name. */
    public static final int LISTED = 200;

    static SlotStatus of(SlotBoard board, ReadyQueue queue, Decision decision, ClassTable classes) {
        List<WaitingNode> waiting = new ArrayList<>();
        Map<String, Map<WaitKind, Integer>> byClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            if (decision != null) {
                byClass.put(classes.name(c), decision.waitingByKind(c));
            }
            for (QueuedNode node : queue.inOrder(c)) {
                if (waiting.size() >= LISTED) {
                    break;
                }
                WaitReason reason = board.isPaused() ? WaitReason.DispatchPaused.INSTANCE
                        : decision == null ? WaitReason.NotYetDecided.INSTANCE : decision.reasonFor(node.id(), c);
                waiting.add(new WaitingNode(node.id(), classes.name(c), node.attempt(),
                        Instant.ofEpochMilli(node.readyAtMillis()), reason));
            }
        }
        return new SlotStatus(board.running(), List.copyOf(waiting), Map.copyOf(byClass), queue.size());
    }
}
