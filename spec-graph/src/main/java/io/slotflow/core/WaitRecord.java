package io.slotflow.core;

import io.slotflow.event.QueueDecided;
import io.slotflow.event.RecordedWait;
import io.slotflow.policy.Decision;
import io.slotflow.policy.QueuedNode;
import io.slotflow.policy.ReadyQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wait reasons last journaled for the queued nodes, so that each decision journals only what
 * changed ({@link QueueDecided}). Command-side bookkeeping of {@link RunCore}: a restart begins with
 * none, as the journal's {@code run-resumed} tells its readers.
 *
 * <p>After a decision among open nodes that follows another, only the nodes whose reason may have
 * changed are looked at: those the queue says were added, removed, blocked or freed since
 * ({@link Decision#touched}), those either decision asked, and — when a class's implied reason changed —
 * that class's open nodes. A blocked node keeps its reason until its blocker changes, so an all-blocked
 * queue costs what changed. Otherwise every queued node is looked at.
 */
final class WaitRecord {

    private final Map<String, RecordedWait> recorded = new HashMap<>();
    private java.util.Set<String> examinedLast = java.util.Set.of();
    private RecordedWait[] defaultsLast = new RecordedWait[0];
    private boolean lastAmongOpen;
    private final boolean askEveryNode;

    WaitRecord() {
        this(false);
    }

    /** @param askEveryNode look at every queued node after every decision: what the incremental record is held to */
    WaitRecord(boolean askEveryNode) {
        this.askEveryNode = askEveryNode;
    }

    /**
     * The record of a decision, taken once its starts have left the queue; empty when it changed no
     * reason (its starts are then checked against the reasons recorded before).
     */
    Optional<QueueDecided> after(Decision decision, ReadyQueue queue, List<String> started, Instant now) {
        RecordedWait[] defaults = new RecordedWait[queue.classCount()];
        for (int c = 0; c < defaults.length; c++) {
            defaults[c] = RecordedWait.of(decision.defaultFor(c));
        }
        Optional<QueueDecided> record = !askEveryNode && decision.amongOpen() && lastAmongOpen
                && defaults.length == defaultsLast.length
                ? changedOnly(decision, queue, started, defaults, now) : everyNode(decision, queue, started, now);
        examinedLast = java.util.Set.copyOf(decision.examined().keySet());
        defaultsLast = defaults;
        lastAmongOpen = decision.amongOpen();
        return record;
    }

    private Optional<QueueDecided> changedOnly(Decision decision, ReadyQueue queue, List<String> started,
            RecordedWait[] defaults, Instant now) {
        java.util.Set<String> maybe = new java.util.LinkedHashSet<>(decision.touched());
        maybe.addAll(examinedLast);
        maybe.addAll(decision.examined().keySet());
        for (int c = 0; c < defaults.length; c++) {
            if (!defaults[c].equals(defaultsLast[c])) {
                queue.openInOrder(new int[] {c}).forEach(n -> maybe.add(n.id()));
            }
        }
        java.util.Set<String> startedNow = new java.util.HashSet<>(started);
        Map<String, RecordedWait> changed = new HashMap<>();
        List<String> left = new ArrayList<>();
        for (String node : maybe) {
            QueuedNode queued = queue.get(node);
            if (startedNow.contains(node)) {
                recorded.remove(node);
            } else if (queued == null) {
                if (recorded.remove(node) != null) {
                    left.add(node);
                }
            } else {
                RecordedWait reason = RecordedWait.of(decision.reasonFor(node, queued.classIndex()));
                if (!reason.equals(recorded.put(node, reason))) {
                    changed.put(node, reason);
                }
            }
        }
        started.forEach(recorded::remove);
        if (changed.isEmpty() && left.isEmpty()) {
            return Optional.empty();
        }
        left.sort(null);
        return Optional.of(new QueueDecided(started, changed, left, now));
    }

    private Optional<QueueDecided> everyNode(Decision decision, ReadyQueue queue, List<String> started, Instant now) {
        Map<String, RecordedWait> changed = new HashMap<>();
        for (int c = 0; c < queue.classCount(); c++) {
            for (QueuedNode node : queue.inOrder(c)) {
                RecordedWait reason = RecordedWait.of(decision.reasonFor(node.id(), c));
                if (!reason.equals(recorded.put(node.id(), reason))) {
                    changed.put(node.id(), reason);
                }
            }
        }
        List<String> left = new ArrayList<>();
        for (Iterator<String> it = recorded.keySet().iterator(); it.hasNext(); ) {
            String node = it.next();
            if (!queue.contains(node)) {
                it.remove();
                if (!started.contains(node)) {
                    left.add(node);
                }
            }
        }
        if (changed.isEmpty() && left.isEmpty()) {
            return Optional.empty();
        }
        left.sort(null);
        return Optional.of(new QueueDecided(started, changed, left, now));
    }
}
