package io.slotflow.state;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one spec's implementation groups: the rules a spec actor applies.
 *
 * <p>Decisions ({@link #begin}, {@link #sessionOutcomes}, …) read the state and return the events to
 * persist; {@link #apply} folds a persisted event in. Only {@code apply} changes the state, and it
 * consults no clock. Several outcomes are decided together — one journal write for all — by
 * deciding each against a scratch layer that already holds the events decided before it. What other
 * specs have told this one about their completion, and about the groups this one's groups depend on
 * ({@link #dependencyCompleted}, {@link #groupAcrossSucceeded}), is kept apart: it is re-learned by
 * asking them after a restart.
 *
 * <p>Mutable, for O(1) folding of specs with thousands of groups; owned by one actor.
 */
public final class SpecProgress {

    /** Where a group is, as its spec sees it. A running group is READY here. */
    public enum GroupState { WAITING, READY, SUCCEEDED, FAILED, BLOCKED, CANCELLED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == BLOCKED || this == CANCELLED;
        }
    }

    /** What an operator's cancel of a group comes to: events to persist, or why it is refused. */
    public sealed interface CancelDecision {
        /** Persist these: the cancel, the dependents it blocks, the spec's settlement if it settles. */
        record Cancelled(List<RunEvent> events) implements CancelDecision {
            public Cancelled {
                events = List.copyOf(events);
            }
        }

        /** The group already has its outcome ({@code state}); nothing is journaled. */
        record AlreadyFinal(GroupState state) implements CancelDecision {
        }

        /** No group of this spec has that id. */
        record Unknown() implements CancelDecision {
        }
    }

    /** The spec as a whole. */
    public enum Status { ACTIVE, COMPLETED, FAILED }

    /** One group's row. */
    private static final class Row {
        GroupState state = GroupState.WAITING;
        int attempt;
        int failures;
        Instant readyAt;
        int unmet;
        boolean respawned;

        Row copy() {
            Row r = new Row();
            r.respawned = respawned;
            r.state = state;
            r.attempt = attempt;
            r.failures = failures;
            r.readyAt = readyAt;
            r.unmet = unmet;
            return r;
        }
    }

    /** The state proper, or a scratch layer over it whose rows are copied on first write. */
    private static final class Layer {
        final Layer below;
        final Map<String, Row> rows;
        int finalCount;
        boolean started;
        Status status = Status.ACTIVE;
        int retryRound;

        Layer(Layer below) {
            this.below = below;
            this.rows = below == null ? new LinkedHashMap<>() : new HashMap<>();
            if (below != null) {
                finalCount = below.finalCount;
                started = below.started;
                status = below.status;
                retryRound = below.retryRound;
            }
        }

        Row read(String node) {
            Row r = rows.get(node);
            return r != null || below == null ? r : below.read(node);
        }

        Row write(String node) {
            Row r = rows.get(node);
            if (r == null && below != null) {
                Row under = below.read(node);
                if (under != null) {
                    r = under.copy();
                    rows.put(node, r);
                }
            }
            return r;
        }
    }

    private final String specId;
    private final PlanGraph graph;
    private final List<String> nodes;
    private final Layer state = new Layer(null);
    private final Set<String> completedDependencies = new HashSet<>();
    /** Groups of other specs that this spec's groups depend on and that were reported succeeded. */
    private final Set<String> succeededAcross = new HashSet<>();
    /** Draws in [-1, 1] where a retry's wait falls within its class's jitter; only decisions draw. */
    private final java.util.function.DoubleSupplier jitter;

    /** Retry waits exactly as the class's backoff says, without jitter (simulations, tests). */
    public SpecProgress(String specId, PlanGraph graph) {
        this(specId, graph, () -> 0.0);
    }

    /** @param jitter draws a value in [-1, 1] for each retry wait (the engine: uniformly at random) */
    public SpecProgress(String specId, PlanGraph graph, java.util.function.DoubleSupplier jitter) {
        this.jitter = jitter;
        this.specId = specId;
        this.graph = graph;
        this.nodes = graph.specNodes(specId);
        Set<String> mine = new HashSet<>(nodes);
        for (String node : nodes) {
            Row row = new Row();
            row.unmet = (int) graph.group(node).dependsOn().stream().filter(mine::contains).count();
            state.rows.put(node, row);
        }
    }

    public String specId() {
        return specId;
    }

    public Status status() {
        return state.status;
    }

    public GroupState state(String node) {
        Row r = state.read(node);
        return r == null ? null : r.state;
    }

    public int attempt(String node) {
        Row r = state.read(node);
        return r == null ? 0 : r.attempt;
    }

    /** The specs this one waits for that have not reported completion. */
    public List<String> awaitedSpecs() {
        return state.started ? List.of() : graph.spec(specId).dependsOn().stream()
                .filter(s -> !completedDependencies.contains(s)).toList();
    }

    /** The last retry round this spec took up (0: none). */
    public int retryRound() {
        return state.retryRound;
    }

    /** Groups of other specs that waiting groups of this one depend on and that have not reported success. */
    public List<String> awaitedGroups() {
        Set<String> awaited = new java.util.LinkedHashSet<>();
        for (String node : nodes) {
            if (state.read(node).state == GroupState.WAITING) {
                graph.groupsAcross(node).stream().filter(g -> !succeededAcross.contains(g)).forEach(awaited::add);
            }
        }
        return List.copyOf(awaited);
    }

    /** Groups of this spec that groups of other specs depend on, and that are final, with whether they succeeded. */
    public Map<String, Boolean> settledForOthers() {
        Map<String, Boolean> settled = new LinkedHashMap<>();
        for (String node : nodes) {
            GroupState st = state.read(node).state;
            if (st.isFinal() && !graph.dependentsAcross(node).isEmpty()) {
                settled.put(node, st == GroupState.SUCCEEDED);
            }
        }
        return settled;
    }

    /** True when every group of another spec that {@code node} depends on has succeeded. */
    private boolean acrossMet(String node) {
        List<String> across = graph.groupsAcross(node);
        return across.isEmpty() || succeededAcross.containsAll(across);
    }

    /** Groups announced to the slot manager and not yet finished. */
    public List<ReadyNode> readyNodes() {
        List<ReadyNode> ready = new ArrayList<>();
        for (String node : nodes) {
            Row r = state.read(node);
            if (r.state == GroupState.READY) {
                ready.add(new ReadyNode(graph.group(node), r.attempt, r.readyAt));
            }
        }
        return ready;
    }

    // ---- decisions -------------------------------------------------------------------------

    /** Makes the first groups ready once every spec this one depends on has completed. */
    public List<RunEvent> begin(Instant now) {
        if (state.started || state.status != Status.ACTIVE || !awaitedSpecs().isEmpty()) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        for (String node : nodes) {
            Row r = state.read(node);
            if (r.state == GroupState.WAITING && r.unmet == 0 && acrossMet(node)) {
                events.add(new NodeReady(node, r.attempt + 1, 0, now));
            }
        }
        return events;
    }

    /**
     * A group of another spec that groups of this one depend on succeeded (idempotent): those whose
     * other dependencies are met become ready, once the specs this one depends on have completed.
     */
    public List<RunEvent> groupAcrossSucceeded(String group, Instant now) {
        if (!succeededAcross.add(group) || state.status != Status.ACTIVE || !awaitedSpecs().isEmpty()) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        for (String node : graph.dependentsAcross(group)) {
            Row r = state.read(node);
            if (r != null && r.state == GroupState.WAITING && r.unmet == 0 && acrossMet(node)) {
                events.add(new NodeReady(node, r.attempt + 1, 0, now));
            }
        }
        return events;
    }

    /**
     * A group of another spec that groups of this one depend on failed or was blocked: those groups,
     * and the groups of this spec waiting on them, are blocked; the spec settles if nothing is left.
     */
    public List<RunEvent> groupAcrossFailed(String group, Instant now) {
        if (state.status != Status.ACTIVE) {
            return List.of();
        }
        Layer scratch = new Layer(state);
        List<RunEvent> events = new ArrayList<>();
        for (String node : graph.dependentsAcross(group)) {
            Row r = scratch.read(node);
            if (r != null && r.state == GroupState.WAITING) {
                List<RunEvent> blocked = new ArrayList<>();
                blocked.add(new NodeBlocked(node, group, now));
                for (String below : waitingDescendants(scratch, node)) {
                    blocked.add(new NodeBlocked(below, group, now));
                }
                blocked.forEach(e -> applyTo(scratch, e));
                events.addAll(blocked);
            }
        }
        settlement(scratch, now).ifPresent(events::add);
        return events;
    }

    /** A spec this one depends on completed (idempotent): the first groups may become ready. */
    public List<RunEvent> dependencyCompleted(String dependency, Instant now) {
        completedDependencies.add(dependency);
        return begin(now);
    }

    /** A spec this one depends on failed: no group can ever start, the spec fails. */
    public List<RunEvent> dependencyFailed(String dependency, Instant now) {
        if (state.started || state.status != Status.ACTIVE) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (String node : nodes) {
            if (state.read(node).state == GroupState.WAITING) {
                events.add(new NodeBlocked(node, dependency, now));
                blocked.add(node);
            }
        }
        events.add(new SpecFailed(specId, blocked, now));
        return events;
    }

    /**
     * A retry of the finished run reopens {@code reopen} (groups of any spec): this spec's failed and
     * blocked groups among them wait again with no failures counted, and those whose dependencies
     * all succeeded are ready at once, for their next attempt. Each round is taken up once.
     */
    public List<RunEvent> reopen(int round, List<String> reopen, Instant now) {
        if (round <= state.retryRound) {
            return List.of();
        }
        List<String> mine = reopen.stream().filter(n -> {
            Row r = state.read(n);
            return r != null && (r.state == GroupState.FAILED || r.state == GroupState.BLOCKED
                    || r.state == GroupState.CANCELLED);
        }).toList();
        if (mine.isEmpty()) {
            return List.of();
        }
        Layer scratch = new Layer(state);
        List<RunEvent> events = new ArrayList<>();
        NodesReopened reopened = new NodesReopened(specId, round, mine, now);
        events.add(reopened);
        applyTo(scratch, reopened);
        if (scratch.started) {
            for (String node : mine) {
                Row r = scratch.read(node);
                if (r.unmet == 0 && acrossMet(node)) {
                    events.add(new NodeReady(node, r.attempt + 1, 0, now));
                }
            }
        }
        return events;
    }

    /**
     * An operator cancels {@code node}, waiting or running: it becomes final and never runs again in
     * this run; the groups waiting on it are blocked by it, exactly as a failed group's are (and other
     * specs hear it failed for good). The outcome of a session it still has is ignored when it comes:
     * the node is no longer READY. A group already final is refused.
     */
    public CancelDecision cancel(String node, String by, String reason, Instant now) {
        Row row = state.read(node);
        if (row == null) {
            return new CancelDecision.Unknown();
        }
        if (row.state.isFinal()) {
            return new CancelDecision.AlreadyFinal(row.state);
        }
        Layer scratch = new Layer(state);
        List<RunEvent> events = new ArrayList<>();
        events.add(new io.slotflow.event.NodeCancelled(node, row.attempt, by, reason, now));
        for (String blocked : waitingDescendants(scratch, node)) {
            events.add(new NodeBlocked(blocked, node, now));
        }
        events.forEach(e -> applyTo(scratch, e));
        settlement(scratch, now).ifPresent(events::add);
        return new CancelDecision.Cancelled(events);
    }

    /** One session ended; see {@link #sessionOutcomes}. */
    public List<RunEvent> sessionOutcome(NodeOutcome outcome, Instant now) {
        return sessionOutcomes(List.of(outcome), now).get(0);
    }

    /**
     * Sessions ended: the events each outcome leads to, in order, each decided as if the ones before
     * it were already persisted. Stale or repeated reports (another attempt, a node not running)
     * give no events, so redelivery is harmless.
     */
    public List<List<RunEvent>> sessionOutcomes(List<NodeOutcome> outcomes, Instant now) {
        Layer scratch = new Layer(state);
        List<List<RunEvent>> decided = new ArrayList<>(outcomes.size());
        for (NodeOutcome o : outcomes) {
            List<RunEvent> events = decide(scratch, o, now);
            events.forEach(e -> applyTo(scratch, e));
            settlement(scratch, now).ifPresent(e -> {
                events.add(e);
                applyTo(scratch, e);
            });
            decided.add(events);
        }
        return decided;
    }

    private List<RunEvent> decide(Layer layer, NodeOutcome o, Instant now) {
        Row row = layer.read(o.node());
        List<RunEvent> events = new ArrayList<>();
        if (row == null || row.state != GroupState.READY || row.attempt != o.attempt()) {
            return events;
        }
        io.slotflow.plan.WorkClass workClass = graph.workClass(graph.group(o.node()).workClass());
        int max = workClass.maxAttempts();
        if (Respawns.follows(graph, o.node(), o.outcome(), row.respawned)) {
            events.add(new NodeReady(o.node(), o.attempt() + 1, row.failures, now, true));
        } else if (o.outcome().isSuccess()) {
            events.add(new NodeSucceeded(o.node(), o.attempt(), o.outcome() == SessionOutcome.NOOP, now));
            for (String next : graph.dependents(o.node())) {
                Row dependent = layer.read(next);
                if (dependent != null && dependent.unmet == 1 && dependent.state == GroupState.WAITING
                        && acrossMet(next)) {
                    events.add(new NodeReady(next, dependent.attempt + 1, 0, now));
                }
            }
        } else if (o.outcome() == SessionOutcome.CONFLICT && row.failures == 0) {
            // a rebase conflict reruns the node once from the target's new tip, whatever max-attempts says
            events.add(new NodeReady(o.node(), o.attempt() + 1, row.failures + 1, now));
        } else if (o.outcome() == SessionOutcome.CONFLICT) {
            events.add(new NodeFailed(o.node(), o.attempt(), o.outcome(),
                    FailureReason.of(o.outcome(), o.detail(), row.failures + 1, max), now));
            for (String blocked : waitingDescendants(layer, o.node())) {
                events.add(new NodeBlocked(blocked, o.node(), now));
            }
        } else if (!o.outcome().isFailure()) {
            // a lost or cancelled session is not the node's fault: run it again, no attempt used up
            events.add(new NodeReady(o.node(), o.attempt() + 1, row.failures, now));
        } else if (row.failures + 1 < max) {
            // the wait is decided here, with its jitter, and stored: folding never draws
            java.time.Duration wait = workClass.retryBackoff().delay(row.failures + 1, jitter.getAsDouble());
            events.add(new NodeReady(o.node(), o.attempt() + 1, row.failures + 1, now, now.plus(wait)));
        } else {
            events.add(new NodeFailed(o.node(), o.attempt(), o.outcome(),
                    FailureReason.of(o.outcome(), o.detail(), row.failures + 1, max), now));
            for (String blocked : waitingDescendants(layer, o.node())) {
                events.add(new NodeBlocked(blocked, o.node(), now));
            }
        }
        return events;
    }

    /** SpecCompleted or SpecFailed once every group is final. O(1) until then. */
    private java.util.Optional<RunEvent> settlement(Layer layer, Instant now) {
        if (layer.status != Status.ACTIVE || layer.finalCount < nodes.size()) {
            return java.util.Optional.empty();
        }
        List<String> unsuccessful = new ArrayList<>();
        for (String node : nodes) {
            if (layer.read(node).state != GroupState.SUCCEEDED) {
                unsuccessful.add(node);
            }
        }
        return java.util.Optional.of(unsuccessful.isEmpty()
                ? new SpecCompleted(specId, now)
                : new SpecFailed(specId, unsuccessful, now));
    }

    private List<String> waitingDescendants(Layer layer, String failed) {
        List<String> found = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(List.of(failed));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            for (String next : graph.dependents(todo.poll())) {
                Row row = layer.read(next);
                if (row != null && row.state == GroupState.WAITING && seen.add(next)) {
                    found.add(next);
                    todo.add(next);
                }
            }
        }
        return found;
    }

    // ---- folding ---------------------------------------------------------------------------

    /** Folds one persisted event; events about other specs are ignored. Pure: no clock, no I/O. */
    public void apply(RunEvent event) {
        applyTo(state, event);
    }

    private void applyTo(Layer layer, RunEvent event) {
        if (event instanceof NodeReady e && layer.read(e.node()) != null) {
            Row row = layer.write(e.node());
            row.state = GroupState.READY;
            row.attempt = e.attempt();
            row.failures = e.failures();
            row.readyAt = e.notBefore();
            row.respawned |= e.respawn();
            layer.started = true;
        } else if (event instanceof NodeSucceeded e && layer.read(e.node()) != null) {
            settle(layer, e.node(), GroupState.SUCCEEDED);
            for (String next : graph.dependents(e.node())) {
                if (layer.read(next) != null) {
                    layer.write(next).unmet--;
                }
            }
        } else if (event instanceof NodeFailed e && layer.read(e.node()) != null) {
            settle(layer, e.node(), GroupState.FAILED);
        } else if (event instanceof NodeBlocked e && layer.read(e.node()) != null) {
            settle(layer, e.node(), GroupState.BLOCKED);
        } else if (event instanceof io.slotflow.event.NodeCancelled e && layer.read(e.node()) != null) {
            settle(layer, e.node(), GroupState.CANCELLED);
        } else if (event instanceof SpecCompleted e && e.spec().equals(specId)) {
            layer.status = Status.COMPLETED;
        } else if (event instanceof SpecFailed e && e.spec().equals(specId)) {
            layer.status = Status.FAILED;
        } else if (event instanceof NodesReopened e && e.spec().equals(specId)) {
            for (String node : e.nodes()) {
                Row row = layer.write(node);
                if (row.state.isFinal()) {
                    layer.finalCount--;
                }
                row.state = GroupState.WAITING;
                row.failures = 0;
            }
            layer.status = Status.ACTIVE;
            layer.retryRound = e.round();
        }
    }

    private static void settle(Layer layer, String node, GroupState to) {
        Row row = layer.write(node);
        if (!row.state.isFinal()) {
            layer.finalCount++;
        }
        row.state = to;
    }
}
