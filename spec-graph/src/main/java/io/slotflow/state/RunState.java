package io.slotflow.state;

import io.slotflow.event.BarrierReached;
import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunRetried;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.NodeLifecycle.State;
import io.slotflow.state.NodeLifecycle.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a whole run, folded from all its events in journal order: every node's lifecycle,
 * the slots, the specs, the barriers. Replay, status and the embedding API's snapshots read it.
 *
 * <p>The same events always fold into the same state: {@link #apply} consults no clock and
 * refuses an event its node's lifecycle does not allow ({@link IllegalStateException} with the
 * node's history). Mutable for O(1) folding; read through immutable views.
 */
public final class RunState {

    /** What a spec became. */
    public enum SpecStatus { ACTIVE, COMPLETED, FAILED }

    private static final class Node {
        final NodeDef def;
        State state;
        int attempt;
        Instant readyAt;
        int slot = -1;
        SessionOutcome lastOutcome;
        String detail = "";
        Instant finishedAt;
        final List<Trigger> history = new ArrayList<>(4);

        Node(NodeDef def, State state) {
            this.def = def;
            this.state = state;
        }

        NodeView view() {
            return new NodeView(def, state, attempt, readyAt, slot, lastOutcome, detail, finishedAt);
        }
    }

    private String runId;
    private PlanAccepted accepted;
    private PlanGraph graph;
    private SlotBoard slots;
    private CategoryClock categoryClock;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, SpecStatus> specs = new LinkedHashMap<>();
    private final List<BarrierReached> barriers = new ArrayList<>();
    private final Map<State, Integer> counts = new EnumMap<>(State.class);
    private final java.util.Set<NodeLifecycle.Transition> transitionsTaken = new java.util.HashSet<>();
    private Instant startedAt;
    private Instant lastEventAt;
    private boolean interrupted;
    private boolean completed;
    private RunRetried lastRetry;
    private long eventCount;
    private WorkSources sources = new WorkSources(List.of());
    private final List<RunEvent> sourceProblems = new ArrayList<>();

    /** Folds a whole list of events. */
    public static RunState fold(List<? extends RunEvent> events) {
        RunState state = new RunState();
        events.forEach(state::apply);
        return state;
    }

    public void apply(RunEvent event) {
        eventCount++;
        lastEventAt = event.at();
        if (event instanceof PlanAccepted e) {
            accept(e);
            return;
        }
        if (graph == null) {
            throw new IllegalStateException("event before the plan was accepted: " + event);
        }
        slots.apply(event);
        categoryClock.apply(event);
        sources.apply(event);
        if (event instanceof io.slotflow.event.SpecsAdded e) {
            graph = PlanGraph.of(graph.plan().withAddedSpecs(e.specs()));
            categoryClock.graphGrew(graph);
            for (io.slotflow.plan.Spec spec : e.specs()) {
                graph.specNodes(spec.id()).forEach(id -> add(graph.group(id), State.WAITING));
                specs.put(spec.id(), SpecStatus.ACTIVE);
            }
        } else if (event instanceof io.slotflow.event.SourceRejected || event instanceof io.slotflow.event.SourceFailed) {
            sourceProblems.add(event);
        }
        if (event instanceof NodeReady e) {
            if (!repeatedReady(e)) {
                Node node = move(e.node(), Trigger.READY, event);
                node.attempt = e.attempt();
                node.readyAt = e.notBefore();
            }
        } else if (event instanceof NodeDispatched e) {
            readyForWreckedDispatch(e);
            move(e.node(), Trigger.DISPATCHED, event).slot = e.slot();
        } else if (event instanceof SessionStarted e) {
            move(e.node(), Trigger.STARTED, event);
        } else if (event instanceof SessionFinished e) {
            Node node = move(e.node(), Trigger.FINISHED, event);
            node.slot = -1;
            node.lastOutcome = e.outcome();
        } else if (event instanceof NodeSucceeded e) {
            finish(move(e.node(), Trigger.SUCCEEDED, event), "", e.at());
        } else if (event instanceof NodeFailed e) {
            finish(move(e.node(), Trigger.FAILED, event), e.reason(), e.at());
        } else if (event instanceof NodeBlocked e) {
            finish(move(e.node(), Trigger.BLOCKED, event), "blocked by " + e.blockedBy(), e.at());
        } else if (event instanceof io.slotflow.event.NodeCancelled e) {
            finish(move(e.node(), Trigger.CANCELLED, event), CancelNotes.detail(e), e.at());
        } else if (event instanceof ReviewsCreated e) {
            boolean lazy = e.injection() != io.slotflow.plan.Injection.EAGER;
            for (String id : e.nodes()) {
                add(graph.reviewNode(NodeIds.specOf(id), NodeIds.reviewTypeOf(id), lazy), State.WAITING);
            }
        } else if (event instanceof BatchFormed e) {
            add(graph.batchNode(e.batch(), e.reviewType(), e.members()), State.WAITING);
            e.members().forEach(m -> move(m, Trigger.BATCHED, event));
        } else if (event instanceof SpecCompleted e) {
            specs.put(e.spec(), SpecStatus.COMPLETED);
        } else if (event instanceof SpecFailed e) {
            specs.put(e.spec(), SpecStatus.FAILED);
        } else if (event instanceof BarrierReached e) {
            barriers.add(e);
        } else if (event instanceof RunInterrupted) {
            interrupted = true;
        } else if (event instanceof RunResumed) {
            interrupted = false;
        } else if (event instanceof RunCompleted) {
            completed = true;
        } else if (event instanceof RunRetried e) {
            completed = false;
            lastRetry = e;
        } else if (event instanceof NodesReopened e) {
            e.nodes().forEach(n -> finish(move(n, Trigger.REOPENED, event), "", null));
            specs.put(e.spec(), SpecStatus.ACTIVE);
        }
    }

    // ---- journals written before 0.2 (see docs/events.md, "Old journals with a lost NodeReady") ----
    // A spec actor whose NodeReady write failed restarted on a state that still held it, and
    // announced the node: the journal got its dispatch without its NodeReady, and the restarted spec
    // actor later wrote the NodeReady after all. Engines no longer write that (StartedAfresh); these
    // two rules read what they wrote. The verifier still reports such a dispatch.

    /** A dispatch of a node that was never made ready: its NodeReady was lost, take it as given. */
    private void readyForWreckedDispatch(NodeDispatched e) {
        Node node = nodes.get(e.node());
        if (node != null && node.state == State.WAITING) {
            move(e.node(), Trigger.READY, e);
            node.attempt = e.attempt();
            node.readyAt = e.readyAt();
        }
    }

    /** A NodeReady for an attempt that is already dispatched or running: the late copy of a lost one. */
    private boolean repeatedReady(NodeReady e) {
        Node node = nodes.get(e.node());
        return node != null && (node.state == State.DISPATCHED || node.state == State.RUNNING)
                && e.attempt() <= node.attempt;
    }

    private void accept(PlanAccepted e) {
        if (accepted != null) {
            throw new IllegalStateException("plan accepted twice in run " + runId);
        }
        accepted = e;
        runId = e.runId();
        startedAt = e.at();
        graph = PlanGraph.of(e.plan());
        slots = new SlotBoard(e.plan().run().slots());
        slots.apply(e);
        categoryClock = new CategoryClock(graph);
        sources = new WorkSources(e.plan().sources());
        graph.groupNodes().forEach(n -> add(n, State.WAITING));
        graph.specIds().forEach(s -> specs.put(s, SpecStatus.ACTIVE));
    }

    private void add(NodeDef def, State state) {
        if (nodes.putIfAbsent(def.id(), new Node(def, state)) != null) {
            throw new IllegalStateException("node created twice: " + def.id());
        }
        counts.merge(state, 1, Integer::sum);
    }

    private Node move(String id, Trigger trigger, RunEvent event) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalStateException("event for unknown node " + id + ": " + event);
        }
        State next = NodeLifecycle.next(node.state, trigger);
        if (next == null) {
            throw new IllegalStateException("node " + id + " cannot go " + trigger + " from " + node.state
                    + " (event " + event + "); its history: " + node.history);
        }
        node.history.add(trigger);
        transitionsTaken.add(new NodeLifecycle.Transition(node.state, trigger, next));
        counts.merge(node.state, -1, Integer::sum);
        counts.merge(next, 1, Integer::sum);
        node.state = next;
        return node;
    }

    private static void finish(Node node, String detail, Instant at) {
        node.detail = detail;
        node.finishedAt = at;
    }

    // ---- views -----------------------------------------------------------------------------

    /** Where each work source stands. */
    public WorkSources sources() {
        return sources;
    }

    /** Every {@code source-rejected} and {@code source-failed}, in journal order: what the operator must see. */
    public List<RunEvent> sourceProblems() {
        return List.copyOf(sourceProblems);
    }

    /** {@link #sourceProblems()}, one line each for the operator ({@link SourceProblems}). */
    public List<String> sourceProblemLines() {
        return sourceProblems.stream().map(e -> SourceProblems.line(e).orElseThrow()).toList();
    }

    public String runId() {
        return runId;
    }

    public Optional<PlanAccepted> accepted() {
        return Optional.ofNullable(accepted);
    }

    public PlanGraph graph() {
        return graph;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Time of the last event folded. */
    public Instant lastEventAt() {
        return lastEventAt;
    }

    public long eventCount() {
        return eventCount;
    }

    public boolean isCompleted() {
        return completed;
    }

    /** The run's latest retry, if it was retried. */
    public Optional<RunRetried> lastRetry() {
        return Optional.ofNullable(lastRetry);
    }

    public boolean isInterrupted() {
        return interrupted;
    }

    public Optional<NodeView> node(String id) {
        Node node = nodes.get(id);
        return node == null ? Optional.empty() : Optional.of(node.view());
    }

    /** Every node, groups in plan order then reviews and batches as created. */
    public List<NodeView> nodes() {
        return nodes.values().stream().map(Node::view).toList();
    }

    public List<NodeView> nodesIn(State state) {
        return nodes.values().stream().filter(n -> n.state == state).map(Node::view).toList();
    }

    /** How many nodes are in each state. */
    public Map<State, Integer> counts() {
        Map<State, Integer> copy = new EnumMap<>(State.class);
        counts.forEach((s, n) -> {
            if (n > 0) {
                copy.put(s, n);
            }
        });
        return copy;
    }

    public int count(State state) {
        return counts.getOrDefault(state, 0);
    }

    /** The sessions holding slots, in slot order. */
    public List<RunningSession> running() {
        return slots == null ? List.of() : slots.running();
    }

    /** What each category has used, as the slot manager weighs it. */
    public CategoryClock categoryClock() {
        return categoryClock;
    }

    /** The slot board folded from the same events. */
    public SlotBoard slots() {
        return slots;
    }

    public Map<String, SpecStatus> specs() {
        return Map.copyOf(specs);
    }

    public List<BarrierReached> barriers() {
        return List.copyOf(barriers);
    }

    /** The lifecycle transitions some node took in this run. */
    public java.util.Set<NodeLifecycle.Transition> transitionsTaken() {
        return java.util.Set.copyOf(transitionsTaken);
    }

    /** Every node has reached its final state. */
    public boolean allFinal() {
        return nodes.values().stream().allMatch(n -> n.state.isFinal());
    }
}
