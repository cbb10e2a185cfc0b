package io.slotflow.sim;

import io.slotflow.core.Action;
import io.slotflow.core.Announcements;
import io.slotflow.core.FollowUp;
import io.slotflow.core.GroupNotices;
import io.slotflow.core.InboxOrder;
import io.slotflow.core.Input;
import io.slotflow.core.Owner;
import io.slotflow.core.RunCore;
import io.slotflow.core.SessionKey;
import io.slotflow.core.SpecSettlement;
import io.slotflow.core.Step;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.policy.DispatchPolicy;
import io.slotflow.policy.QueueOrder;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.ReadyNode;
import io.slotflow.state.ReviewBook;
import io.slotflow.state.RunState;
import io.slotflow.state.SlotDecider;
import io.slotflow.state.SpecProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Runs a plan in virtual time through the engine's own rules — the slot manager's {@link RunCore},
 * spec progress, review injection — and emits the same events. The simulator only plays the parts
 * that are not rules: it delivers messages, and plays the session hosts, whose sessions take their
 * estimated duration (or what {@link Settings#durations} says) and end as {@link Settings#outcomes}
 * says.
 *
 * <p>Messages are delivered as the actors would take them: the slot manager's inbox in
 * {@link InboxOrder}, and taken before the owners' (the slot manager is fast, owners write
 * outcomes), so a finished session's slot is refilled at once from the ready queue, before its
 * owner has recorded the outcome and announced what became ready (the race that lets eager reviews
 * starve implementation work); lazy nodes start once every follow-up is settled. Deterministic: the
 * same plan and settings give the same events.
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

    /** A session the simulated host runs, and how and when it ends. */
    private record Completion(Instant at, long sequence, SessionKey session, SessionOutcome outcome) {
    }

    /** A message in the slot manager's inbox. */
    private record Queued(int priority, long sequence, Input input) {
    }

    private final PlanGraph graph;
    private final Settings settings;
    private final RunCore core;
    private final Map<String, Integer> hosts;
    private final Map<String, SpecProgress> specs = new HashMap<>();
    private final ReviewBook reviews;
    private final RunState state = new RunState();
    private final List<RunEvent> events = new ArrayList<>();
    private final PriorityQueue<Queued> slotManagerInbox = new PriorityQueue<>(
            Comparator.comparingInt(Queued::priority).thenComparingLong(Queued::sequence));
    private final Deque<Runnable> ownerMessages = new ArrayDeque<>();
    private final PriorityQueue<Completion> completions = new PriorityQueue<>(
            Comparator.comparing(Completion::at).thenComparingLong(Completion::sequence));
    /** Retries waiting out their class's backoff, announced when it ends, as a spec actor does. */
    private final PriorityQueue<ReadyNode> waiting = new PriorityQueue<>(Comparator.comparing(ReadyNode::readyAt));
    /** When the core asked to decide again (a category's cooldown ends). */
    private final PriorityQueue<Instant> wakeUps = new PriorityQueue<>();
    private long sequence;
    private boolean allSettledSent;
    private Instant now;

    private Simulator(Plan plan, Settings settings) {
        this.graph = PlanGraph.of(plan);
        this.settings = settings;
        SlotDecider decider = new SlotDecider(graph, new DispatchPolicy(),
                settings.order() != null ? settings.order() : QueueOrder.of(plan.run().order()));
        this.core = new RunCore("simulation", graph, "", decider);
        this.hosts = Map.of(NodeDispatched.LOCAL, plan.run().slots());
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
        toSlotManager(new Input.Start(hosts.keySet()), InboxOrder.CONTROL);
        while (true) {
            if (!slotManagerInbox.isEmpty()) {
                slotManagerTakes(slotManagerInbox.poll().input());
            } else if (!ownerMessages.isEmpty()) {
                ownerMessages.poll().run();
            } else if (!waiting.isEmpty() && !waiting.peek().readyAt().isAfter(nextCompletion())
                    && (wakeUps.isEmpty() || !waiting.peek().readyAt().isAfter(wakeUps.peek()))) {
                now = waiting.peek().readyAt();
                List<ReadyNode> due = new ArrayList<>();
                while (!waiting.isEmpty() && !waiting.peek().readyAt().isAfter(now)) {
                    due.add(waiting.poll());
                }
                announce(due);
            } else if (!wakeUps.isEmpty() && (completions.isEmpty() || wakeUps.peek().isBefore(completions.peek().at()))) {
                // a category's cooldown ends: virtual time moves there and the core decides again
                Instant wake = wakeUps.poll();
                now = wake.isAfter(now) ? wake : now;
                toSlotManager(new Input.Flush(hosts), InboxOrder.CONTROL);
            } else if (!completions.isEmpty()) {
                finishNextSessions();
            } else {
                break;
            }
        }
        return new Result(List.copyOf(events), state, Duration.between(settings.epoch(), now), graph.lowerBound());
    }

    /** When the next session ends; a time after every other when none runs. */
    private Instant nextCompletion() {
        return completions.isEmpty() ? Instant.MAX : completions.peek().at();
    }

    // ---- the slot manager: the engine's core, and a shell that carries out its actions ----

    private void toSlotManager(Input input, int priority) {
        slotManagerInbox.add(new Queued(priority, sequence++, input));
    }

    private void slotManagerTakes(Input input) {
        Step step = core.handle(input, now);
        for (RunEvent event : step.events()) {
            emit(event);
            core.apply(event);
        }
        step.actions().forEach(this::carryOut);
    }

    private void carryOut(Action action) {
        if (action instanceof Action.StartSession start) {
            startSession(start.node(), start.attempt());
        } else if (action instanceof Action.ToOwner told) {
            ownerMessages.add(() -> outcome(told.owner(), told.outcome(), told.followUp()));
        } else if (action == Action.FlushSoon.INSTANCE) {
            toSlotManager(new Input.Flush(hosts), InboxOrder.CONTROL);
        } else if (action instanceof Action.WakeAt wake) {
            wakeUps.add(wake.at());
        } else if (action instanceof Action.Begun) {
            graph.specIds().forEach(spec -> ownerMessages.add(() -> startSpec(spec)));
            ownerMessages.add(() -> toSlotManager(new Input.Announced(Owner.Injector.INSTANCE), InboxOrder.ANNOUNCED));
        } else if (action instanceof Action.RunSource run) {
            // a prediction knows no work a source will print: each source is taken as having none
            toSlotManager(new Input.SourceOutput(run.source().name(), run.run(),
                    new io.slotflow.core.SourceVerdict.Items("{\"specs\": []}", "", 0)), InboxOrder.CONTROL);
        } else if (action instanceof Action.Refused refused) {
            throw new IllegalStateException(refused.reason());
        }
        // acknowledgements, host questions, cancellations, timers and the supervisor: nothing to simulate
    }

    // ---- the session host: sessions take their simulated time ----

    private void startSession(NodeDef def, int attempt) {
        SessionKey session = new SessionKey(def.id(), attempt);
        toSlotManager(new Input.SessionRunning(session, 0, now), InboxOrder.CONTROL);
        Duration runs = settings.durations().of(def, attempt);
        SessionOutcome outcome = settings.outcomes().of(def, attempt);
        Duration timeout = graph.workClass(def.workClass()).timeout();
        if (runs.compareTo(timeout) > 0) {
            runs = timeout;
            outcome = SessionOutcome.TIMED_OUT;
        }
        completions.add(new Completion(now.plus(runs), sequence++, session, outcome));
    }

    /** Ends every session due at the next completion time. */
    private void finishNextSessions() {
        now = completions.peek().at();
        while (!completions.isEmpty() && completions.peek().at().equals(now)) {
            Completion done = completions.poll();
            toSlotManager(new Input.SessionEnded(done.session(), done.outcome(), null, "", now,
                    NodeDispatched.LOCAL), InboxOrder.CONTROL);
        }
    }

    // ---- the owners: spec progress and the review book, as their actors apply them ----

    private void startSpec(String spec) {
        SpecProgress progress = new SpecProgress(spec, graph);
        specs.put(spec, progress);
        specDecided(spec, progress.begin(now), Optional.empty());
        toSlotManager(new Input.Announced(new Owner.Spec(spec)), InboxOrder.ANNOUNCED);
    }

    private void outcome(Owner owner, NodeOutcome outcome, Optional<FollowUp> followUp) {
        if (owner instanceof Owner.Spec spec) {
            specDecided(spec.id(), specs.get(spec.id()).sessionOutcome(outcome, now), followUp);
        } else {
            reviewsDecided(reviews.sessionOutcome(outcome, now), followUp);
        }
    }

    private void specDecided(String spec, List<RunEvent> decided, Optional<FollowUp> cause) {
        SpecProgress progress = specs.get(spec);
        List<ReadyNode> ready = new ArrayList<>();
        for (RunEvent event : decided) {
            emit(event);
            progress.apply(event);
            if (event instanceof NodeReady r) {
                ready.add(new ReadyNode(graph.group(r.node()), r.attempt(), r.notBefore()));
            }
        }
        announce(ready);
        List<SpecSettlement.Notice> notices = SpecSettlement.notices(graph, spec, decided, cause);
        for (SpecSettlement.Notice notice : notices) {
            ownerMessages.add(() -> deliver(notice));
        }
        for (GroupNotices.Notice notice : GroupNotices.of(graph, decided)) {
            ownerMessages.add(() -> deliver(notice));
        }
        cause.ifPresent(f -> toSlotManager(new Input.Settled(f, SpecSettlement.opened(notices)), InboxOrder.SETTLED));
    }

    /** A group of another spec that groups of {@code notice.to()} depend on became final. */
    private void deliver(GroupNotices.Notice notice) {
        SpecProgress progress = specs.get(notice.to());
        specDecided(notice.to(), notice.succeeded()
                ? progress.groupAcrossSucceeded(notice.group(), now)
                : progress.groupAcrossFailed(notice.group(), now), Optional.empty());
    }

    private void deliver(SpecSettlement.Notice notice) {
        if (notice.to() instanceof Owner.Spec dependent) {
            SpecProgress progress = specs.get(dependent.id());
            specDecided(dependent.id(), notice.completed()
                    ? progress.dependencyCompleted(notice.spec(), now)
                    : progress.dependencyFailed(notice.spec(), now), notice.followUp());
        } else {
            reviewsDecided(reviews.specSettled(notice.spec(), notice.completed(), now), notice.followUp());
        }
    }

    private void reviewsDecided(List<RunEvent> decided, Optional<FollowUp> cause) {
        List<ReadyNode> ready = new ArrayList<>();
        for (RunEvent event : decided) {
            emit(event);
            reviews.apply(event);
            if (event instanceof NodeReady r) {
                ready.add(new ReadyNode(reviews.node(r.node()), r.attempt(), r.at()));
            }
        }
        announce(ready);
        cause.ifPresent(f -> toSlotManager(new Input.Settled(f, List.of()), InboxOrder.SETTLED));
        if (reviews.isDone() && !allSettledSent) {
            allSettledSent = true;
            toSlotManager(new Input.AllSettled(reviews.settledSpecCount()), InboxOrder.CONTROL);
        }
    }

    private void announce(List<ReadyNode> ready) {
        List<ReadyNode> due = new ArrayList<>();
        for (ReadyNode note : ready) {
            if (note.readyAt().isAfter(now)) {
                waiting.add(note);
            } else {
                due.add(note);
            }
        }
        Announcements.byRank(graph, due).forEach((rank, notes) ->
                toSlotManager(new Input.NodesReady(notes), InboxOrder.ready(rank)));
    }

    private void emit(RunEvent event) {
        events.add(event);
        state.apply(event);
    }
}
