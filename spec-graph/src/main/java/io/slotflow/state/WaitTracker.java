package io.slotflow.state;

import io.slotflow.policy.Decision;
import io.slotflow.policy.WaitKind;
import io.slotflow.policy.WaitReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How long each queued node has waited, split by the reason the policy gave. A node's time is
 * charged to the reason the policy last gave it when it looked at it (a node the policy did not
 * reach, because the slots were full, keeps its last reason): cheap, and exact while the policy
 * keeps looking at it. Command-side bookkeeping of the slot manager; not event-sourced, the total
 * wait is always in the events.
 */
public final class WaitTracker {

    private static final class Entry {
        WaitKind kind = WaitKind.NO_FREE_SLOT;
        long since;
        final long[] millis = new long[WaitKind.values().length];

        Entry(long since) {
            this.since = since;
        }

        void charge(long now) {
            millis[kind.ordinal()] += Math.max(0, now - since);
            since = now;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** A node entered the ready queue at {@code atMillis}. */
    public void queued(String node, long atMillis) {
        entries.putIfAbsent(node, new Entry(atMillis));
    }

    /** Charges the time since the last decision and takes the new reasons of the nodes examined. */
    public void observe(Decision decision, long nowMillis) {
        for (Map.Entry<String, WaitReason> e : decision.examined().entrySet()) {
            Entry entry = entries.get(e.getKey());
            if (entry != null && entry.kind != e.getValue().kind()) {
                entry.charge(nowMillis);
                entry.kind = e.getValue().kind();
            }
        }
    }

    /** The node left the queue (dispatched): its wait split by reason, in ms; only non-zero ones. */
    public Map<WaitKind, Long> dispatched(String node, long nowMillis) {
        Entry entry = entries.remove(node);
        Map<WaitKind, Long> split = new EnumMap<>(WaitKind.class);
        if (entry != null) {
            entry.charge(nowMillis);
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
    }
}
