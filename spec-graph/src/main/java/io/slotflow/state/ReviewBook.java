package io.slotflow.state;

import io.slotflow.event.BarrierReached;
import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.Injection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sync barriers and the review nodes they create: the rules the review injector applies.
 *
 * <p>Barriers fire from spec settlement notices ({@link #specSettled}). A barrier's reviews are
 * ready at once; eager ones may take any slot their class may, lazy ones are marked so the
 * dispatch policy starts them only into a slot that would otherwise sit idle
 * ({@link io.slotflow.policy.LazyHold}), and batched ones are first merged, per review type, into
 * batch sessions of up to the barrier's batch size (lazy too). The injector owns review and batch
 * nodes to the end: it records their outcomes and retries them; a batch's outcome becomes each
 * member's.
 *
 * <p>Decisions return events; {@link #apply} folds them and consults no clock. Which specs have
 * settled is learned from notices, not events, and asked again after a restart. Mutable; owned by
 * one actor.
 */
public final class ReviewBook {

    /** Where a review or batch node is, as the injector sees it. A running node is READY here. */
    public enum State { READY, BATCHED, SUCCEEDED, FAILED }

    private PlanGraph graph;
    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Instant> readyAt = new HashMap<>();
    private final Set<String> firedBarriers = new HashSet<>();
    private final Map<String, Set<String>> coveredByBarrier = new HashMap<>();
    private int lastBatch;
    private final Map<String, Boolean> settledSpecs = new LinkedHashMap<>();

    public ReviewBook(PlanGraph graph) {
        this.graph = graph;
    }

    public State state(String node) {
        return states.get(node);
    }

    /** Specs joined the live run: the book waits for them to settle too. */
    public void graphGrew(PlanGraph grown) {
        this.graph = grown;
    }

    /** How many specs have settled (when the book is done, every spec of the graph it knows). */
    public int settledSpecCount() {
        return settledSpecs.size();
    }

    /** Every spec has settled and every review has its final outcome: nothing more will come. */
    public boolean isDone() {
        if (settledSpecs.size() < graph.specIds().size()) {
            return false;
        }
        return states.values().stream().allMatch(s -> s == State.SUCCEEDED || s == State.FAILED);
    }

    /** Reviews and batches in the ready queue or running. */
    public List<ReadyNode> readyNodes() {
        List<ReadyNode> ready = new ArrayList<>();
        nodes.forEach((id, def) -> {
            if (states.get(id) == State.READY) {
                ready.add(new ReadyNode(def, attempts.get(id), readyAt.get(id)));
            }
        });
        return ready;
    }

    /** A review or batch node this book created, or null. */
    public NodeDef node(String id) {
        return nodes.get(id);
    }

    // ---- decisions -------------------------------------------------------------------------

    /** A spec completed or failed (idempotent). Fires the barriers this reaches. */
    public List<RunEvent> specSettled(String spec, boolean completed, Instant now) {
        if (settledSpecs.containsKey(spec)) {
            return List.of();
        }
        settledSpecs.put(spec, completed);
        List<RunEvent> events = new ArrayList<>();
        Set<String> created = new HashSet<>();
        int[] batch = {lastBatch};
        boolean allSettled = settledSpecs.size() == graph.specIds().size();
        for (Barrier barrier : graph.plan().barriers()) {
            if (!barrier.after().isEmpty()) {
                if (!firedBarriers.contains(barrier.name()) && settledSpecs.keySet().containsAll(barrier.after())) {
                    List<String> covered = barrier.after().stream().filter(settledSpecs::get).toList();
                    fire(barrier, covered, created, batch, events, now);
                }
                continue;
            }
            List<String> pending = new ArrayList<>();
            Set<String> covered = coveredByBarrier.getOrDefault(barrier.name(), Set.of());
            settledSpecs.forEach((s, done) -> {
                if (done && !covered.contains(s)) {
                    pending.add(s);
                }
            });
            while (pending.size() >= barrier.every()) {
                List<String> group = List.copyOf(pending.subList(0, barrier.every()));
                pending.subList(0, barrier.every()).clear();
                fire(barrier, group, created, batch, events, now);
            }
            if (allSettled && !pending.isEmpty()) {
                fire(barrier, pending, created, batch, events, now);
            }
        }
        return events;
    }

    private void fire(Barrier barrier, List<String> specs, Set<String> created, int[] batch, List<RunEvent> events,
            Instant now) {
        events.add(new BarrierReached(barrier.name(), specs, now));
        List<String> reviews = new ArrayList<>();
        for (String spec : specs) {
            for (String type : barrier.reviews()) {
                String id = graph.reviewNode(spec, type, false).id();
                // a spec two barriers cover gets each review type once
                if (!nodes.containsKey(id) && created.add(id)) {
                    reviews.add(id);
                }
            }
        }
        if (reviews.isEmpty()) {
            return;
        }
        events.add(new ReviewsCreated(barrier.name(), reviews, barrier.injection(), now));
        if (barrier.injection() != Injection.BATCHED) {
            reviews.forEach(id -> events.add(new NodeReady(id, 1, 0, now)));
            return;
        }
        for (String type : barrier.reviews()) {
            List<String> ofType = reviews.stream().filter(id -> NodeIds.reviewTypeOf(id).equals(type)).toList();
            for (int from = 0; from < ofType.size(); from += barrier.batchSize()) {
                List<String> members = ofType.subList(from, Math.min(ofType.size(), from + barrier.batchSize()));
                String batchId = NodeIds.batch(++batch[0], type);
                events.add(new BatchFormed(batchId, type, members, now));
                events.add(new NodeReady(batchId, 1, 0, now));
            }
        }
    }

    /** A review or batch session ended; stale or repeated reports give no events. */
    public List<RunEvent> sessionOutcome(NodeOutcome ended, Instant now) {
        String node = ended.node();
        int attempt = ended.attempt();
        SessionOutcome outcome = ended.outcome();
        String detail = ended.detail();
        if (states.get(node) != State.READY || attempts.get(node) != attempt) {
            return List.of();
        }
        NodeDef def = nodes.get(node);
        int maxAttempts = graph.workClass(def.workClass()).maxAttempts();
        List<RunEvent> events = new ArrayList<>();
        if (outcome.isSuccess()) {
            boolean noop = outcome == SessionOutcome.NOOP;
            events.add(new NodeSucceeded(node, attempt, noop, now));
            def.members().forEach(m -> events.add(new NodeSucceeded(m, attempt, noop, now)));
        } else if (!outcome.isFailure()) {
            events.add(new NodeReady(node, attempt + 1, failures.get(node), now));
        } else if (failures.get(node) + 1 < maxAttempts) {
            events.add(new NodeReady(node, attempt + 1, failures.get(node) + 1, now));
        } else {
            String reason = FailureReason.of(outcome, detail, failures.get(node) + 1, maxAttempts);
            events.add(new NodeFailed(node, attempt, outcome, reason, now));
            def.members().forEach(m -> events.add(new NodeFailed(m, attempt, outcome, "batch " + node + " " + reason, now)));
        }
        return events;
    }

    // ---- folding ---------------------------------------------------------------------------

    /** Folds one persisted event; events about groups are ignored. Pure: no clock, no I/O. */
    public void apply(RunEvent event) {
        if (event instanceof BarrierReached e) {
            firedBarriers.add(e.barrier());
            coveredByBarrier.computeIfAbsent(e.barrier(), b -> new HashSet<>()).addAll(e.specs());
        } else if (event instanceof ReviewsCreated e) {
            boolean lazy = e.injection() != Injection.EAGER;
            for (String id : e.nodes()) {
                nodes.put(id, graph.reviewNode(NodeIds.specOf(id), NodeIds.reviewTypeOf(id), lazy));
            }
        } else if (event instanceof BatchFormed e) {
            nodes.put(e.batch(), graph.batchNode(e.batch(), e.reviewType(), e.members()));
            lastBatch = Math.max(lastBatch, NodeIds.batchSequence(e.batch()));
            e.members().forEach(m -> states.put(m, State.BATCHED));
        } else if (event instanceof NodeReady e && nodes.containsKey(e.node())) {
            states.put(e.node(), State.READY);
            attempts.put(e.node(), e.attempt());
            failures.put(e.node(), e.failures());
            readyAt.put(e.node(), e.at());
        } else if (event instanceof NodeSucceeded e && nodes.containsKey(e.node())) {
            states.put(e.node(), State.SUCCEEDED);
        } else if (event instanceof NodeFailed e && nodes.containsKey(e.node())) {
            states.put(e.node(), State.FAILED);
        }
    }
}
