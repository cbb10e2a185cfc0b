package io.slotflow.state;

import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitKind;
import io.slotflow.policy.WaitReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each queued node has waited, split by the reason the policy gave for each interval.
 * Until its first decision a node waits for that decision ({@link WaitKind#NOT_YET_DECIDED}). After
 * it, a node the policy examined takes its own reason until the next decision; one it did not reach
 * (the slots were full, its class was at its quota, a gate was closed) takes the reason the
 * decision implies for its class ({@link Decision#defaultFor}).
 *
 * <p>To keep a decision's cost proportional to the nodes it examined, the implied reasons are
 * charged per class: each class keeps how long each kind has applied to it so far, and a node
 * following its class remembers where that count stood when it began to follow. After a decision
 * among open nodes ({@link Decision#amongOpen}), a node a running footprint blocks takes
 * {@link WaitKind#FOOTPRINT_CONFLICT} from when it was blocked until it is freed: only the nodes the queue
 * says were blocked or freed ({@link Decision#touched}) are looked at. Command-side bookkeeping of the
 * slot manager; not event-sourced, the total wait is always in the events.
 */
public final class WaitTracker {

    private static final int KINDS = WaitKind.values().length;

    private static final class Entry {
        final long[] millis = new long[KINDS];
        int classIndex = -1;
        /** Its own reason since {@code since}; null while it follows its class. */
        WaitKind own = WaitKind.NOT_YET_DECIDED;
        long since;
        long[] classMark;
        /** Waits for its running blocker: its own reason until the queue frees it. */
        boolean blocked;

        Entry(long since) {
            this.since = since;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> undecided = new ArrayList<>();
    private final List<String> examinedLast = new ArrayList<>();
    private final java.util.Set<String> blocked = new java.util.HashSet<>();
    private long[][] classMillis = new long[0][];
    private WaitKind[] classKind = new WaitKind[0];
    private long classSince;

    /** A node entered the ready queue at {@code atMillis}. */
    public void queued(String node, long atMillis) {
        if (entries.putIfAbsent(node, new Entry(atMillis)) == null) {
            undecided.add(node);
        }
    }

    /** Charges the time since the last decision and takes the reasons this decision gives. */
    public void observe(Decision decision, ReadyQueue queue, long nowMillis) {
        int classes = queue.classCount();
        if (classMillis.length != classes) {
            classMillis = new long[classes][KINDS];
            classKind = new WaitKind[classes];
            classSince = nowMillis;
        }
        for (int c = 0; c < classes; c++) {
            if (classKind[c] != null) {
                classMillis[c][classKind[c].ordinal()] += Math.max(0, nowMillis - classSince);
            }
            classKind[c] = decision.defaultFor(c).kind();
        }
        classSince = nowMillis;
        for (String node : undecided) {
            Entry entry = entries.get(node);
            QueuedNode ready = queue.get(node);
            if (entry != null && ready != null) {
                entry.classIndex = ready.classIndex();
                follow(entry, nowMillis);
            }
        }
        undecided.clear();
        for (String node : examinedLast) {
            Entry entry = entries.get(node);
            if (entry != null && entry.own != null) {
                follow(entry, nowMillis);
            }
        }
        examinedLast.clear();
        if (decision.amongOpen()) {
            for (String node : decision.touched()) {
                Entry entry = entries.get(node);
                if (entry != null && entry.classIndex >= 0) {
                    boolean nowBlocked = queue.blocker(node).isPresent();
                    if (nowBlocked && !entry.blocked) {
                        chargeOwnOrFollowed(entry, nowMillis);
                        entry.own = WaitKind.FOOTPRINT_CONFLICT;
                        entry.since = nowMillis;
                        entry.blocked = true;
                        blocked.add(node);
                    } else if (!nowBlocked && entry.blocked) {
                        unblock(node, entry, nowMillis);
                    }
                }
            }
        } else {
            // a decision that asked every node: the blocked ones follow their class or take their own reason
            for (String node : List.copyOf(blocked)) {
                unblock(node, entries.get(node), nowMillis);
            }
        }
        for (Map.Entry<String, WaitReason> e : decision.examined().entrySet()) {
            Entry entry = entries.get(e.getKey());
            if (entry != null && entry.classIndex >= 0) {
                chargeOwnOrFollowed(entry, nowMillis);
                entry.own = e.getValue().kind();
                entry.since = nowMillis;
                examinedLast.add(e.getKey());
            }
        }
    }

    private void unblock(String node, Entry entry, long nowMillis) {
        blocked.remove(node);
        entry.blocked = false;
        follow(entry, nowMillis);
    }

    /** Charges the node's current interval up to now: its own reason's, or what its class was charged. */
    private void chargeOwnOrFollowed(Entry entry, long nowMillis) {
        if (entry.own != null) {
            entry.millis[entry.own.ordinal()] += Math.max(0, nowMillis - entry.since);
        } else {
            chargeFollowed(entry);
        }
    }

    /** Ends the node's own interval and lets it follow its class from now on. */
    private void follow(Entry entry, long nowMillis) {
        entry.millis[entry.own.ordinal()] += Math.max(0, nowMillis - entry.since);
        entry.own = null;
        entry.classMark = classMillis[entry.classIndex].clone();
    }

    /** Adds what its class was charged while the node followed it. */
    private void chargeFollowed(Entry entry) {
        if (entry.own == null) {
            long[] now = classMillis[entry.classIndex];
            for (int k = 0; k < KINDS; k++) {
                entry.millis[k] += now[k] - entry.classMark[k];
            }
        }
    }

    /** The node left the queue (dispatched): its wait split by reason, in ms; only non-zero ones. */
    public Map<WaitKind, Long> dispatched(String node, long nowMillis) {
        Entry entry = entries.remove(node);
        blocked.remove(node);
        Map<WaitKind, Long> split = new EnumMap<>(WaitKind.class);
        if (entry != null) {
            if (entry.own != null) {
                entry.millis[entry.own.ordinal()] += Math.max(0, nowMillis - entry.since);
            } else {
                chargeFollowed(entry);
                entry.millis[classKind[entry.classIndex].ordinal()] += Math.max(0, nowMillis - classSince);
            }
            for (WaitKind kind : WaitKind.values()) {
                if (entry.millis[kind.ordinal()] > 0) {
                    split.put(kind, entry.millis[kind.ordinal()]);
                }
            }
        }
        return split;
    }

    public void forget(String node) {
        entries.remove(node);
        blocked.remove(node);
    }
}
