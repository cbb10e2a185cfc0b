package io.slotflow.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the policy decided: the nodes to start now, in order, and why every other ready node waits.
 *
 * <p>To stay cheap with thousands of ready nodes the policy examines nodes only until the slots are
 * full (or a class reaches its quota); the reasons of nodes it did not reach are implied and
 * answered by {@link #reasonFor}.
 */
public final class Decision {

    private final List<QueuedNode> starts;
    private final java.util.Set<String> borrowed;
    private final Map<String, WaitReason> examined;
    private final WaitReason[] classDefault;
    private final WaitReason defaultReason;
    private final int idleSlots;
    private final int[][] waitCounts;
    private final java.util.Optional<ReadyQueue> blockedIn;
    private final List<String> touched;

    Decision(List<QueuedNode> starts, java.util.Set<String> borrowed, Map<String, WaitReason> examined, WaitReason[] classDefault,
            WaitReason defaultReason, int idleSlots, int[][] waitCounts, java.util.Optional<ReadyQueue> blockedIn,
            List<String> touched) {
        this.blockedIn = blockedIn;
        this.touched = touched;
        this.starts = List.copyOf(starts);
        this.borrowed = java.util.Set.copyOf(borrowed);
        this.examined = examined;
        this.classDefault = classDefault;
        this.defaultReason = defaultReason;
        this.idleSlots = idleSlots;
        this.waitCounts = waitCounts;
    }

    /** Nodes to start now, in the order the policy chose them. */
    public List<QueuedNode> starts() {
        return starts;
    }

    /** True when this start takes a slot beyond its class's quota, lent by backfill. */
    public boolean borrowed(String nodeId) {
        return borrowed.contains(nodeId);
    }

    /** The reasons of the nodes the policy looked at and left waiting. */
    public Map<String, WaitReason> examined() {
        return java.util.Collections.unmodifiableMap(examined);
    }

    /** Slots still free after these starts: they would sit idle. */
    public int idleSlots() {
        return idleSlots;
    }

    /**
     * True when the decision walked only the open nodes ({@link DispatchPolicy#decideAmongOpen}): a
     * blocked node's reason is then its conflict with its blocker, read from the queue.
     */
    public boolean amongOpen() {
        return blockedIn.isPresent();
    }

    /**
     * The nodes added to the queue, removed from it, blocked or freed by a running node since the
     * previous decision among open nodes (every queued node at the first); empty for {@link DispatchPolicy#decide}.
     */
    public List<String> touched() {
        return touched;
    }

    /**
     * Why a ready node that was not started waits. {@code classIndex} is the node's class. After a
     * decision among open nodes, a blocked node's reason is read from the queue: ask before the running
     * nodes change.
     */
    public WaitReason reasonFor(String nodeId, int classIndex) {
        WaitReason reason = examined.get(nodeId);
        if (reason != null) {
            return reason;
        }
        if (blockedIn.isPresent()) {
            java.util.Optional<String> blocker = blockedIn.get().blocker(nodeId);
            if (blocker.isPresent()) {
                return new WaitReason.FootprintConflict(blocker.get());
            }
        }
        WaitReason byClass = classDefault[classIndex];
        return byClass != null ? byClass : defaultReason;
    }

    /** Why a node of the class that the policy did not examine waits: its class's reason, or the decision's. */
    public WaitReason defaultFor(int classIndex) {
        WaitReason byClass = classDefault[classIndex];
        return byClass != null ? byClass : defaultReason;
    }

    /** How many ready nodes of a class wait for each kind of reason. */
    public Map<WaitKind, Integer> waitingByKind(int classIndex) {
        Map<WaitKind, Integer> counts = new EnumMap<>(WaitKind.class);
        for (WaitKind kind : WaitKind.values()) {
            int n = waitCounts[classIndex][kind.ordinal()];
            if (n > 0) {
                counts.put(kind, n);
            }
        }
        return counts;
    }
}
