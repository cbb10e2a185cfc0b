package io.slotflow.state;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
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
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of one spec's implementation groups: the rules a spec actor applies.
 *
 * <p>Decisions ({@link #begin}, {@link #sessionOutcome}, …) read the state and return the events to
 * persist; {@link #apply} folds a persisted event in. Only {@code apply} changes the event-sourced
 * state, and it consults no clock. What other specs have told this one about their completion is
 * kept apart ({@link #dependencyCompleted}): it is re-learned by asking them after a restart.
 *
 * <p>Mutable, for O(1) folding of specs with thousands of groups; owned by one actor.
 */
public final class SpecProgress {

    /** Where a group is, as its spec sees it. A running group is READY here. */
    public enum GroupState { WAITING, READY, SUCCEEDED, FAILED, BLOCKED }

    /** The spec as a whole. */
    public enum Status { ACTIVE, COMPLETED, FAILED }

    /** A group in the ready queue, for (re-)announcing it. */
    public record Ready(NodeDef node, int attempt, Instant readyAt) {
    }

    private final String specId;
    private final PlanGraph graph;
    private final Map<String, GroupState> states = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Instant> readyAt = new HashMap<>();
    private final Map<String, Integer> unmet = new HashMap<>();
    private final Set<String> completedDependencies = new HashSet<>();
    private boolean started;
    private Status status = Status.ACTIVE;

    public SpecProgress(String specId, PlanGraph graph) {
        this.specId = specId;
        this.graph = graph;
        for (String node : graph.specNodes(specId)) {
            states.put(node, GroupState.WAITING);
            unmet.put(node, withinSpecDependencies(node).size());
        }
    }

    public String specId() {
        return specId;
    }

    public Status status() {
        return status;
    }

    public GroupState state(String node) {
        return states.get(node);
    }

    public int attempt(String node) {
        return attempts.getOrDefault(node, 0);
    }

    /** The specs this one waits for that have not reported completion. */
    public List<String> awaitedSpecs() {
        return started ? List.of() : graph.spec(specId).dependsOn().stream()
                .filter(s -> !completedDependencies.contains(s)).toList();
    }

    /** Groups announced to the slot manager and not yet finished. */
    public List<Ready> readyNodes() {
        List<Ready> ready = new ArrayList<>();
        states.forEach((node, state) -> {
            if (state == GroupState.READY) {
                ready.add(new Ready(graph.group(node), attempts.get(node), readyAt.get(node)));
            }
        });
        return ready;
    }

    // ---- decisions -------------------------------------------------------------------------

    /** Makes the first groups ready once every spec this one depends on has completed. */
    public List<RunEvent> begin(Instant now) {
        if (started || status != Status.ACTIVE || !awaitedSpecs().isEmpty()) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        states.forEach((node, state) -> {
            if (state == GroupState.WAITING && unmet.get(node) == 0) {
                events.add(new NodeReady(node, 1, 0, now));
            }
        });
        return events;
    }

    /** A spec this one depends on completed (idempotent): the first groups may become ready. */
    public List<RunEvent> dependencyCompleted(String dependency, Instant now) {
        completedDependencies.add(dependency);
        return begin(now);
    }

    /** A spec this one depends on failed: no group can ever start, the spec fails. */
    public List<RunEvent> dependencyFailed(String dependency, Instant now) {
        if (started || status != Status.ACTIVE) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        states.forEach((node, state) -> {
            if (state == GroupState.WAITING) {
                events.add(new NodeBlocked(node, dependency, now));
                blocked.add(node);
            }
        });
        events.add(new SpecFailed(specId, blocked, now));
        return events;
    }

    /**
     * The session of {@code node}'s {@code attempt} ended. Stale or repeated reports (another
     * attempt, a node not running) give no events, so redelivery is harmless.
     */
    public List<RunEvent> sessionOutcome(String node, int attempt, SessionOutcome outcome, String detail, Instant now) {
        if (states.get(node) != GroupState.READY || attempts.get(node) != attempt) {
            return List.of();
        }
        List<RunEvent> events = new ArrayList<>();
        Map<String, GroupState> settling = new HashMap<>();
        if (outcome.isSuccess()) {
            events.add(new NodeSucceeded(node, attempt, outcome == SessionOutcome.NOOP, now));
            settling.put(node, GroupState.SUCCEEDED);
            for (String next : graph.dependents(node)) {
                if (states.containsKey(next) && unmet.get(next) == 1) {
                    events.add(new NodeReady(next, 1, 0, now));
                }
            }
        } else if (!outcome.isFailure()) {
            // a lost or cancelled session is not the node's fault: run it again, no attempt used up
            events.add(new NodeReady(node, attempt + 1, failures.get(node), now));
            return events;
        } else if (failures.get(node) + 1 < maxAttempts(node)) {
            events.add(new NodeReady(node, attempt + 1, failures.get(node) + 1, now));
            return events;
        } else {
            String reason = FailureReason.of(outcome, detail, failures.get(node) + 1, maxAttempts(node));
            events.add(new NodeFailed(node, attempt, outcome, reason, now));
            settling.put(node, GroupState.FAILED);
            for (String blocked : waitingDescendants(node)) {
                events.add(new NodeBlocked(blocked, node, now));
                settling.put(blocked, GroupState.BLOCKED);
            }
        }
        settlement(settling, now).ifPresent(events::add);
        return events;
    }

    /** SpecCompleted or SpecFailed when every group is final once {@code settling} applies. */
    private Optional<RunEvent> settlement(Map<String, GroupState> settling, Instant now) {
        List<String> unsuccessful = new ArrayList<>();
        for (Map.Entry<String, GroupState> e : states.entrySet()) {
            GroupState state = settling.getOrDefault(e.getKey(), e.getValue());
            if (state == GroupState.WAITING || state == GroupState.READY) {
                return Optional.empty();
            }
            if (state != GroupState.SUCCEEDED) {
                unsuccessful.add(e.getKey());
            }
        }
        return Optional.of(unsuccessful.isEmpty()
                ? new SpecCompleted(specId, now)
                : new SpecFailed(specId, unsuccessful, now));
    }

    private List<String> waitingDescendants(String failed) {
        List<String> found = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(List.of(failed));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            for (String next : graph.dependents(todo.poll())) {
                if (states.get(next) == GroupState.WAITING && seen.add(next)) {
                    found.add(next);
                    todo.add(next);
                }
            }
        }
        return found;
    }

    private int maxAttempts(String node) {
        return graph.workClass(graph.group(node).workClass()).maxAttempts();
    }

    private List<String> withinSpecDependencies(String node) {
        return graph.group(node).dependsOn().stream().filter(states::containsKey).toList();
    }

    // ---- folding ---------------------------------------------------------------------------

    /** Folds one persisted event; events about other specs are ignored. Pure: no clock, no I/O. */
    public void apply(RunEvent event) {
        if (event instanceof NodeReady e && states.containsKey(e.node())) {
            states.put(e.node(), GroupState.READY);
            attempts.put(e.node(), e.attempt());
            failures.put(e.node(), e.failures());
            readyAt.put(e.node(), e.at());
            started = true;
        } else if (event instanceof NodeSucceeded e && states.containsKey(e.node())) {
            states.put(e.node(), GroupState.SUCCEEDED);
            for (String next : graph.dependents(e.node())) {
                unmet.computeIfPresent(next, (n, count) -> count - 1);
            }
        } else if (event instanceof NodeFailed e && states.containsKey(e.node())) {
            states.put(e.node(), GroupState.FAILED);
        } else if (event instanceof NodeBlocked e && states.containsKey(e.node())) {
            states.put(e.node(), GroupState.BLOCKED);
        } else if (event instanceof SpecCompleted e && e.spec().equals(specId)) {
            status = Status.COMPLETED;
        } else if (event instanceof SpecFailed e && e.spec().equals(specId)) {
            status = Status.FAILED;
        }
    }
}
