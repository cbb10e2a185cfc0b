package io.slotflow.core;

import io.slotflow.graph.PlanGraph;
import io.slotflow.state.ReadyNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How an owner announces ready nodes to the slot manager: one message per class rank (the mailbox orders by it). */
public final class Announcements {

    private Announcements() {
    }

    /** The notes grouped by their class's rank, ranks in ascending order. */
    public static Map<Integer, List<ReadyNode>> byRank(PlanGraph graph, List<ReadyNode> notes) {
        Map<Integer, List<ReadyNode>> byRank = new TreeMap<>();
        for (ReadyNode note : notes) {
            byRank.computeIfAbsent(graph.workClass(note.node().workClass()).rank(), r -> new ArrayList<>()).add(note);
        }
        return byRank;
    }
}
