package io.slotflow.policy;

import io.slotflow.footprint.FootprintLedger;

/**
 * The scratch state of one decision: what is taken so far. Filters read it; the policy updates it
 * as it starts nodes. Not shared between decisions.
 */
public final class DecisionContext {

    private final Snapshot snapshot;
    private final int[] holding;
    private final int[] started;
    private final java.util.List<QueuedNode> startedNodes = new java.util.ArrayList<>();
    private final FootprintLedger ledger = new FootprintLedger();
    private int free;
    private final java.util.Set<String> startedIds = new java.util.HashSet<>();
    private final java.util.Map<java.util.List<Integer>, HigherRankedWaiting> higherRanked = new java.util.HashMap<>();

    DecisionContext(Snapshot snapshot) {
        this.snapshot = snapshot;
        int classes = snapshot.classes().size();
        this.holding = new int[classes];
        this.started = new int[classes];
        this.free = snapshot.freeSlots();
        for (RunningNode r : snapshot.running()) {
            holding[r.classIndex()]++;
            ledger.acquire(r.id(), r.footprint());
        }
        for (RunningNode r : snapshot.held()) {
            ledger.acquire(r.id(), r.footprint()); // a branch in the merge queue: its footprint, no slot
        }
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ClassTable classes() {
        return snapshot.classes();
    }

    /** Free slots left in this decision. */
    public int freeSlots() {
        return free;
    }

    /** Slots the class holds: running plus started in this decision. */
    public int holding(int classIndex) {
        return holding[classIndex];
    }

    /** Ready nodes of the class not started in this decision. */
    public int readyLeft(int classIndex) {
        return snapshot.ready().size(classIndex) - started[classIndex];
    }

    public FootprintLedger ledger() {
        return ledger;
    }

    public boolean waveRunning() {
        return !snapshot.running().isEmpty();
    }

    void start(QueuedNode node) {
        free--;
        holding[node.classIndex()]++;
        started[node.classIndex()]++;
        ledger.acquire(node.id(), node.footprint());
        startedNodes.add(node);
        startedIds.add(node.id());
    }

    boolean isStarted(String nodeId) {
        return startedIds.contains(nodeId);
    }

    /** The ready nodes ranked above {@code rank}, as lazy nodes see them; built again only after a start. */
    HigherRankedWaiting higherRankedWaiting(int rank) {
        return higherRanked.computeIfAbsent(java.util.List.of(rank, startedNodes.size()),
                key -> HigherRankedWaiting.of(rank, this));
    }

    /** The nodes started so far in this decision, in order. */
    public java.util.List<QueuedNode> startedNodes() {
        return java.util.Collections.unmodifiableList(startedNodes);
    }

    int started(int classIndex) {
        return started[classIndex];
    }
}
