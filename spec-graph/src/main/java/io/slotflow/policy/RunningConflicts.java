package io.slotflow.policy;

import io.slotflow.footprint.CompiledFootprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queued nodes a running node's footprint blocks, kept up to date as nodes queue and leave and
 * sessions start and end, so that a decision need not ask every ready node again. A node blocked by
 * running session S stays blocked, with S as its reason, until S ends: only then is it looked at again
 * (another running node may block it, or none). A running node's start looks only at the queued nodes
 * that share one of its tokens, through an index of the queued footprints by token.
 *
 * <p>Conflict is the ledger's ({@link io.slotflow.footprint.FootprintLedger}): a token both hold and
 * one of them writes, or a footprint left undeclared (catch-all) beside any other. Part of
 * {@link ReadyQueue}; mutable, owned by one actor.
 */
final class RunningConflicts {

    private final Map<String, CompiledFootprint> running = new LinkedHashMap<>();
    private final TokenHolders runningHolders = new TokenHolders();
    private final Set<String> runningCatchAll = new LinkedHashSet<>();

    private final TokenHolders queuedHolders = new TokenHolders();
    private final Set<String> queuedCatchAll = new LinkedHashSet<>();
    /** Queued node → the running node that blocks it. */
    private final Map<String, String> blocker = new HashMap<>();
    /** Running node → the queued nodes it blocks. */
    private final Map<String, Set<String>> blocks = new HashMap<>();

    /** The running node that blocks {@code id}, or null when none does. */
    String blockerOf(String id) {
        return blocker.get(id);
    }

    /** A node joined the queue: the running node that blocks it, or null. */
    String queued(QueuedNode node) {
        CompiledFootprint fp = node.footprint();
        if (fp.catchAll()) {
            queuedCatchAll.add(node.id());
        } else {
            queuedHolders.add(node.id(), fp);
        }
        String holder = runningConflict(fp);
        if (holder != null) {
            block(node.id(), holder);
        }
        return holder;
    }

    /** A node left the queue. */
    void left(QueuedNode node) {
        CompiledFootprint fp = node.footprint();
        if (fp.catchAll()) {
            queuedCatchAll.remove(node.id());
        } else {
            queuedHolders.remove(node.id(), fp);
        }
        String holder = blocker.remove(node.id());
        if (holder != null) {
            blocks.get(holder).remove(node.id());
        }
    }

    /**
     * The running nodes are now {@code now}: the nodes the ended ones blocked are looked at again, and
     * the started ones block the queued nodes they conflict with. Returns the queued nodes whose
     * blocker changed (or that became blocked or free), each once.
     */
    Set<String> runningAre(List<RunningNode> now, ReadyQueue queue) {
        Map<String, RunningNode> current = new LinkedHashMap<>();
        now.forEach(r -> current.put(r.id(), r));
        Set<String> orphans = new LinkedHashSet<>();
        Map<String, String> before = new HashMap<>();
        for (String id : new ArrayList<>(running.keySet())) {
            RunningNode still = current.get(id);
            if (still == null || !sameFootprint(still.footprint(), running.get(id))) {
                CompiledFootprint fp = running.remove(id);
                if (fp.catchAll()) {
                    runningCatchAll.remove(id);
                } else {
                    runningHolders.remove(id, fp);
                }
                Set<String> freed = blocks.remove(id);
                if (freed != null) {
                    for (String node : freed) {
                        before.putIfAbsent(node, id);
                        blocker.remove(node);
                        orphans.add(node);
                    }
                }
            }
        }
        Set<String> changed = new LinkedHashSet<>();
        for (RunningNode r : now) {
            if (running.containsKey(r.id())) {
                continue;
            }
            running.put(r.id(), r.footprint());
            if (r.footprint().catchAll()) {
                runningCatchAll.add(r.id());
                for (QueuedNode q : queue.oldestFirst()) {
                    blockIfFree(q.id(), r.id(), before, changed);
                }
                continue;
            }
            runningHolders.add(r.id(), r.footprint());
            for (String q : queuedCatchAll) {
                blockIfFree(q, r.id(), before, changed);
            }
            for (int t : r.footprint().writes()) {
                for (String q : queuedHolders.readers(t)) {
                    blockIfFree(q, r.id(), before, changed);
                }
                for (String q : queuedHolders.writers(t)) {
                    blockIfFree(q, r.id(), before, changed);
                }
            }
            for (int t : r.footprint().reads()) {
                for (String q : queuedHolders.writers(t)) {
                    blockIfFree(q, r.id(), before, changed);
                }
            }
        }
        for (String node : orphans) {
            if (!blocker.containsKey(node)) {
                String holder = runningConflict(queue.get(node).footprint());
                if (holder != null) {
                    block(node, holder);
                }
            }
            if (!java.util.Objects.equals(before.get(node), blocker.get(node))) {
                changed.add(node);
            }
        }
        return changed;
    }

    private void blockIfFree(String node, String holder, Map<String, String> before, Set<String> changed) {
        if (!blocker.containsKey(node)) {
            before.putIfAbsent(node, null);
            block(node, holder);
            changed.add(node);
        }
    }

    private void block(String node, String holder) {
        blocker.put(node, holder);
        blocks.computeIfAbsent(holder, h -> new HashSet<>()).add(node);
    }

    /** A running node whose footprint conflicts with {@code fp}, or null. */
    private String runningConflict(CompiledFootprint fp) {
        if (running.isEmpty()) {
            return null;
        }
        if (!runningCatchAll.isEmpty()) {
            return runningCatchAll.iterator().next();
        }
        if (fp.catchAll()) {
            return running.keySet().iterator().next();
        }
        for (int t : fp.writes()) {
            String holder = runningHolders.anyHolder(t);
            if (holder != null) {
                return holder;
            }
        }
        for (int t : fp.reads()) {
            String holder = runningHolders.anyWriter(t);
            if (holder != null) {
                return holder;
            }
        }
        return null;
    }

    private static boolean sameFootprint(CompiledFootprint a, CompiledFootprint b) {
        return a == b || a.catchAll() == b.catchAll() && java.util.Arrays.equals(a.reads(), b.reads())
                && java.util.Arrays.equals(a.writes(), b.writes());
    }

    /** Token → the nodes that read it and that write it. */
    private static final class TokenHolders {
        private final List<Set<String>> readers = new ArrayList<>();
        private final List<Set<String>> writers = new ArrayList<>();

        void add(String node, CompiledFootprint fp) {
            for (int t : fp.reads()) {
                at(readers, t).add(node);
            }
            for (int t : fp.writes()) {
                at(writers, t).add(node);
            }
        }

        void remove(String node, CompiledFootprint fp) {
            for (int t : fp.reads()) {
                at(readers, t).remove(node);
            }
            for (int t : fp.writes()) {
                at(writers, t).remove(node);
            }
        }

        Set<String> readers(int t) {
            return t < readers.size() ? readers.get(t) : Set.of();
        }

        Set<String> writers(int t) {
            return t < writers.size() ? writers.get(t) : Set.of();
        }

        String anyHolder(int t) {
            String w = anyWriter(t);
            if (w != null) {
                return w;
            }
            Set<String> r = readers(t);
            return r.isEmpty() ? null : r.iterator().next();
        }

        String anyWriter(int t) {
            Set<String> w = writers(t);
            return w.isEmpty() ? null : w.iterator().next();
        }

        private static Set<String> at(List<Set<String>> sets, int t) {
            while (sets.size() <= t) {
                sets.add(new LinkedHashSet<>());
            }
            return sets.get(t);
        }
    }
}
