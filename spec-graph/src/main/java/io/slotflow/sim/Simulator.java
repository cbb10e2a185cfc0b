package io.slotflow.sim;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import io.slotflow.policy.DispatchPolicy;
import io.slotflow.policy.QueueOrder;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.state.ReviewBook;
import io.slotflow.state.RunState;
import io.slotflow.state.RunningSession;
import io.slotflow.state.SlotBoard;
import io.slotflow.state.SlotDecider;
import io.slotflow.state.SpecProgress;
import io.slotflow.state.WaitTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a plan in virtual time through the same rules the engine's actors apply — spec progress,
 * review injection, the dispatch policy — and emits the same events. Sessions take their estimated
 * duration (or what {@link Settings#durations} says) and end as {@link Settings#outcomes} says.
 *
 * <p>The actors' asynchrony is kept where it matters: a finished session's slot is refilled at
 * once from the ready queue, before its owner has recorded the outcome and announced what became
 * ready (the race that lets eager reviews starve implementation work); lazy nodes start only once
 * every follow-up has been delivered. Deterministic: the same plan and settings give the
 * same events.
 */
public final class Simulator {

    /** How long a session of a node's attempt runs. */
    @FunctionalInterface
    public interface Durations {
        Duration of(NodeDef node, int attempt);
    }

    /** How a session of a node's attempt ends (unless it runs past its class's timeout). */
    @FunctionalInterface
    public interface Outcomes {
        SessionOutcome of(NodeDef node, int attempt);
    }

    /** What to vary between simulations; a null order means the plan's. */
    public record Settings(QueueOrder order, Durations durations, Outcomes outcomes, Instant epoch) {

        /** Estimated durations, every session succeeds, the plan's own dispatch order. */
        public static Settings defaults() {
            return new Settings(null, (node, attempt) -> node.estimate(),
                    (node, attempt) -> SessionOutcome.SUCCEEDED, Instant.EPOCH);
        }

        public Settings withOrder(QueueOrder newOrder) {
            return new Settings(newOrder, durations, outcomes, epoch);
        }

        public Settings withDurations(Durations newDurations) {
            return new Settings(order, newDurations, outcomes, epoch);
        }

        public Settings withOutcomes(Outcomes newOutcomes) {
            return new Settings(order, durations, newOutcomes, epoch);
        }
    }

    /** A finished simulation. */
    public record Result(List<RunEvent> events, RunState state, Duration makespan, Duration lowerBound) {
    }

    private record Completion(Instant at, long sequence, RunningSession session, SessionOutcome outcome) {
    }

    private final PlanGraph graph;
    private final Settings settings;
    private final SlotDecider decider;
    private final ReadyQueue queue;
    private final WaitTracker waits = new WaitTracker();
    private final SlotBoard board;
    private final Map<String, SpecProgress> specs = new HashMap<>();
    private final ReviewBook reviews;
    private final RunState state = new RunState();
    private final List<RunEvent> events = new ArrayList<>();
    private final Deque<Runnable> mailbox = new ArrayDeque<>();
    private final PriorityQueue<Completion> completions = new PriorityQueue<>(
            Comparator.comparing(Completion::at).thenComparingLong(Completion::sequence));
    private long completionSequence;
    private Instant now;

    private Simulator(Plan plan, Settings settings) {
        this.graph = PlanGraph.of(plan);
        this.settings = settings;
        this.decider = new SlotDecider(graph, new DispatchPolicy(),
                settings.order() != null ? settings.order() : QueueOrder.of(plan.run().order()));
        this.queue = decider.newQueue();
        this.board = new SlotBoard(plan.run().slots());
        this.reviews = new ReviewBook(graph);
        this.now = settings.epoch();
    }

    public static Result run(Plan plan) {
        return run(plan, Settings.defaults());
    }

    public static Result run(Plan plan, Settings settings) {
        return new Simulator(plan, settings).simulate();
    }

    private Result simulate() {
        emit(new PlanAccepted("simulation", graph.plan(), "", now));
        for (Spec spec : graph.plan().specs()) {
            SpecProgress progress = new SpecProgress(spec.id(), graph);
            specs.put(spec.id(), progress);
            send(() -> emitAll(progress.begin(now)));
        }
        while (true) {
            settle();
            if (completions.isEmpty()) {
                break;
            }
            finishNextSessions();
        }
        if (reviews.isDone() && board.runningCount() == 0 && queue.size() == 0) {
            emit(new RunCompleted(now));
        }
        return new Result(List.copyOf(events), state, Duration.between(settings.epoch(), now), graph.lowerBound());
    }

    /** Delivers every pending message; once all is quiet, lazy nodes may take the slots left idle. */
    private void settle() {
        while (!mailbox.isEmpty()) {
            mailbox.poll().run();
        }
        dispatch(true);
    }

    /** Ends every session due at the next completion time; each slot is refilled at once. */
    private void finishNextSessions() {
        now = completions.peek().at();
        while (!completions.isEmpty() && completions.peek().at().equals(now)) {
            Completion done = completions.poll();
            RunningSession s = done.session();
            emit(new SessionFinished(s.node(), s.attempt(), s.slot(), done.outcome(), null, "", now));
            dispatch(false);
            send(() -> deliverOutcome(s.node(), s.attempt(), done.outcome()));
        }
    }

    private void deliverOutcome(String node, int attempt, SessionOutcome outcome) {
        if (NodeIds.kindOf(node) == NodeKind.GROUP) {
            emitAll(specs.get(NodeIds.specOf(node)).sessionOutcome(node, attempt, outcome, "", now));
        } else {
            emitAll(reviews.sessionOutcome(node, attempt, outcome, "", now));
        }
    }

    private void dispatch(boolean quiet) {
        SlotDecider.Dispatch dispatch = decider.decide(board, queue, java.util.Set.of(), quiet, now, waits);
        for (NodeDispatched assignment : dispatch.assignments()) {
            NodeDef def = queue.remove(assignment.node()).node();
            emit(assignment);
            emit(new SessionStarted(assignment.node(), assignment.attempt(), assignment.slot(), 0, now));
            schedule(def, assignment);
        }
    }

    private void schedule(NodeDef def, NodeDispatched assignment) {
        Duration runs = settings.durations().of(def, assignment.attempt());
        SessionOutcome outcome = settings.outcomes().of(def, assignment.attempt());
        Duration timeout = graph.workClass(def.workClass()).timeout();
        if (runs.compareTo(timeout) > 0) {
            runs = timeout;
            outcome = SessionOutcome.TIMED_OUT;
        }
        RunningSession session = board.runningNode(assignment.node()).orElseThrow();
        completions.add(new Completion(now.plus(runs), completionSequence++, session, outcome));
    }

    private void emitAll(List<RunEvent> batch) {
        batch.forEach(this::emit);
    }

    /** Records an event, folds it into its owner's state, and routes what it means to others. */
    private void emit(RunEvent event) {
        events.add(event);
        state.apply(event);
        board.apply(event);
        reviews.apply(event);
        if (event instanceof SpecCompleted e) {
            specs.get(e.spec()).apply(e);
            for (String dependent : dependentsOf(e.spec())) {
                send(() -> emitAll(specs.get(dependent).dependencyCompleted(e.spec(), now)));
            }
            send(() -> emitAll(reviews.specSettled(e.spec(), true, now)));
        } else if (event instanceof SpecFailed e) {
            specs.get(e.spec()).apply(e);
            for (String dependent : dependentsOf(e.spec())) {
                send(() -> emitAll(specs.get(dependent).dependencyFailed(e.spec(), now)));
            }
            send(() -> emitAll(reviews.specSettled(e.spec(), false, now)));
        } else {
            String spec = groupSpec(event);
            if (spec != null) {
                specs.get(spec).apply(event);
            }
        }
        if (event instanceof NodeReady e) {
            NodeDef def = NodeIds.kindOf(e.node()) == NodeKind.GROUP ? graph.group(e.node()) : reviews.node(e.node());
            send(() -> {
                queue.add(decider.readyNode(def, e.attempt(), e.at(), queue.nextSequence()));
                waits.queued(e.node(), e.at().toEpochMilli());
                dispatch(mailbox.isEmpty());
            });
        }
    }

    private static String groupSpec(RunEvent event) {
        String node = null;
        if (event instanceof NodeReady e) {
            node = e.node();
        } else if (event instanceof io.slotflow.event.NodeSucceeded e) {
            node = e.node();
        } else if (event instanceof io.slotflow.event.NodeFailed e) {
            node = e.node();
        } else if (event instanceof io.slotflow.event.NodeBlocked e) {
            node = e.node();
        }
        return node != null && NodeIds.kindOf(node) == NodeKind.GROUP ? NodeIds.specOf(node) : null;
    }

    private final Map<String, List<String>> dependentSpecs = new HashMap<>();

    private List<String> dependentsOf(String spec) {
        if (dependentSpecs.isEmpty()) {
            for (Spec s : graph.plan().specs()) {
                for (String dep : s.dependsOn()) {
                    dependentSpecs.computeIfAbsent(dep, d -> new ArrayList<>()).add(s.id());
                }
            }
        }
        return dependentSpecs.getOrDefault(spec, List.of());
    }

    private void send(Runnable message) {
        mailbox.add(message);
    }
}
