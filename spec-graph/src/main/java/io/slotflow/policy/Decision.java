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

    Decision(List<QueuedNode> starts, java.util.Set<String> borrowed, Map<String, WaitReason> examined, WaitReason[] classDefault,
            WaitReason defaultReason, int idleSlots, int[][] waitCounts) {
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
     * Why a ready node that was not started waits. {@code classIndex} is the node's class.
     */
    public WaitReason reasonFor(String nodeId, int classIndex) {
        WaitReason reason = examined.get(nodeId);
        if (reason != null) {
            return reason;
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
