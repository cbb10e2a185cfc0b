package io.slotflow.policy;

import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.SpecTurns;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The queue-sort rule for fair turns across specs ({@code run.spec-turns: round-robin}): within one
 * rank, the next node offered a slot is one of the spec with the fewest sessions in the rank —
 * running, or started earlier in this decision — and between specs equally served, the rank's own
 * order ({@link QueueOrder}). One spec's many ready groups so take one slot per turn, not every slot,
 * while another spec's nodes wait; no node is skipped, so the policy stays work-conserving.
 *
 * <p>Lazy: nodes are drawn from the rank's order only until no undrawn node can belong to a spec with
 * fewer sessions than the best head so far; the ready queue's count of each spec's nodes tells that
 * without a scan. One instance per rank per decision. A running batch counts as a spec of its own.
 */
final class SpecRoundRobin implements Iterable<QueuedNode> {

    private final DecisionContext context;
    private final int[] band;
    private final Iterator<QueuedNode> source;
    private final Map<String, ArrayDeque<QueuedNode>> buffered = new LinkedHashMap<>();
    private final Map<String, Integer> drawnOf = new HashMap<>();
    private final Map<QueuedNode, Long> position = new HashMap<>();
    private final Map<String, Integer> sessions = new HashMap<>();
    private int startsCounted;
    private long drawn;
    private long bandSize;

    private SpecRoundRobin(int[] band, DecisionContext context) {
        this.context = context;
        this.band = band;
        this.source = context.snapshot().ready().inOrder(band).iterator();
        for (int c : band) {
            bandSize += context.snapshot().ready().size(c);
        }
        for (RunningNode r : context.snapshot().running()) {
            if (inBand(r.classIndex())) {
                sessions.merge(specOfRunning(r.id()), 1, Integer::sum);
            }
        }
    }

    /** The rank's nodes in the order their specs' turns come; the plain order when specs take no turns. */
    static Iterable<QueuedNode> of(int[] band, DecisionContext context) {
        if (context.snapshot().specTurns() != SpecTurns.ROUND_ROBIN) {
            return context.snapshot().ready().inOrder(band);
        }
        return new SpecRoundRobin(band, context);
    }

    @Override
    public Iterator<QueuedNode> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return drawn < bandSize && source.hasNext() || buffered.values().stream().anyMatch(q -> !q.isEmpty());
            }

            @Override
            public QueuedNode next() {
                return nextTurn();
            }
        };
    }

    private QueuedNode nextTurn() {
        countStarts();
        String best = null;
        for (Map.Entry<String, ArrayDeque<QueuedNode>> e : buffered.entrySet()) {
            if (!e.getValue().isEmpty() && (best == null || better(e.getKey(), best))) {
                best = e.getKey();
            }
        }
        while (source.hasNext() && (best == null || betterMayBeUndrawn(sessions(best)))) {
            QueuedNode node = draw();
            String spec = ReadyQueue.specOf(node);
            if (buffered.get(spec).size() == 1 && (best == null || better(spec, best))) {
                best = spec;
            }
        }
        if (best == null) {
            throw new NoSuchElementException();
        }
        return buffered.get(best).removeFirst();
    }

    /** Fewer sessions first; between equals, the head earlier in the rank's order. */
    private boolean better(String spec, String than) {
        int a = sessions(spec);
        int b = sessions(than);
        return a != b ? a < b : position.get(buffered.get(spec).peekFirst()) < position.get(buffered.get(than).peekFirst());
    }

    /**
     * True when some undrawn node may belong to a spec with fewer than {@code fewest} sessions: every
     * undrawn node belongs to a spec with sessions, and those are few (at most the slots).
     */
    private boolean betterMayBeUndrawn(int fewest) {
        if (fewest == 0) {
            return false;
        }
        long undrawn = bandSize - drawn;
        for (Map.Entry<String, Integer> s : sessions.entrySet()) {
            if (s.getValue() >= fewest) {
                int ready = 0;
                for (int c : band) {
                    ready += context.snapshot().ready().size(c, s.getKey());
                }
                undrawn -= ready - drawnOf.getOrDefault(s.getKey(), 0);
            }
        }
        return undrawn > 0;
    }

    private QueuedNode draw() {
        QueuedNode node = source.next();
        String spec = ReadyQueue.specOf(node);
        position.put(node, drawn++);
        drawnOf.merge(spec, 1, Integer::sum);
        buffered.computeIfAbsent(spec, s -> new ArrayDeque<>()).addLast(node);
        return node;
    }

    /** Counts each node of this rank started in this decision since the last turn as a session of its spec. */
    private void countStarts() {
        var started = context.startedNodes();
        for (; startsCounted < started.size(); startsCounted++) {
            QueuedNode s = started.get(startsCounted);
            if (inBand(s.classIndex())) {
                sessions.merge(ReadyQueue.specOf(s), 1, Integer::sum);
            }
        }
    }

    private int sessions(String spec) {
        return sessions.getOrDefault(spec, 0);
    }

    private boolean inBand(int classIndex) {
        for (int c : band) {
            if (c == classIndex) {
                return true;
            }
        }
        return false;
    }

    /** The spec a running node belongs to, read from its id; a batch, or an id of another form, is its own. */
    private static String specOfRunning(String id) {
        return id.indexOf(':') < 0 || NodeIds.kindOf(id) == NodeKind.BATCH ? id : NodeIds.specOf(id);
    }
}
