package io.slotflow.engine.internal;

import io.slotflow.core.Announcements;
import io.slotflow.core.FollowUp;
import io.slotflow.core.GroupNotices;
import io.slotflow.core.Owner;
import io.slotflow.core.SpecSettlement;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.ReadyNode;
import io.slotflow.state.SpecProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One per spec: the lifecycle of the spec's implementation groups, a thin shell around
 * {@link SpecProgress}. It announces ready groups to the slot manager, records session outcomes
 * (idempotently, by node and attempt), grants retries, and tells the specs that depend on it and
 * the review injector when it settles. After a restart it announces its ready groups again and
 * repeats its settlement, so messages lost with a crash are made good.
 */
public final class SpecActor extends EventSourcedBehavior<SpecActor.Command, RunEvent, SpecProgress> {

    /** What a spec actor accepts. */
    public interface Command extends ClusterMessage {
    }

    /** Announce the ready groups again (a new slot manager knows none of them), as after a restart. */
    public enum Wake implements Command { INSTANCE }

    /** A spec this one depends on completed; with a follow-up, the slot manager waits for it to settle. */
    public record DependencyCompleted(String spec, Optional<FollowUp> followUp) implements Command {
    }

    /** A spec this one depends on failed: this one cannot run. */
    public record DependencyFailed(String spec, Optional<FollowUp> followUp) implements Command {
    }


    /**
     * A group of another spec that groups of this one depend on ({@code depends-on: [spec:group]})
     * succeeded, or failed for good (failed or blocked).
     */
    public record GroupAcrossSettled(String group, boolean succeeded) implements Command {
    }

    /** Asks the spec of {@code group} to tell {@code dependentSpec} again how the group ended, once it has. */
    public record ResendGroupOutcome(String group, String dependentSpec) implements Command {
    }

    /** A retry of the finished run reopens these groups (this spec's among them); each round is taken up once. */
    public record Reopen(int round, List<String> nodes) implements Command {
        public Reopen {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * An operator cancels one of this spec's groups (sent on by the slot manager, which has fenced it):
     * journaled as {@code node-cancelled} with its dependents blocked, then {@code replyTo} hears; or
     * refused when the group already has its outcome, with nothing journaled.
     */
    public record Cancel(String node, String by, String reason,
            org.apache.pekko.actor.typed.ActorRef<org.apache.pekko.pattern.StatusReply<org.apache.pekko.Done>> replyTo)
            implements Command {
    }

    /** Asks a settled spec to tell a dependent again: a dependent spec or the review injector. */
    public record ResendSettlement(Owner dependent) implements Command {
    }

    private enum Start implements Command { INSTANCE }

    /** Specs joined the run: some may depend on this one, and are told when it settles. */
    public record GraphGrew(PlanGraph graph) implements Command {
    }

    /** A retry's backoff ended: announce it (unless it is no longer ready for that attempt). */
    private record AnnounceWaited(ReadyNode note) implements Command {
    }

    /** This actor's turn to write came (from the {@link JournalGate}). */
    private enum TurnToWrite implements Command, JournalGate.Granted { INSTANCE }

    /** Decide on every outcome that arrived since the last flush, in one journal write. */
    private enum Flush implements Command { INSTANCE }

    private final RunContext run;
    private final String specId;
    private final ActorContext<Command> context;
    /** The run's graph; it grows when specs join the run (their dependencies on this spec with it). */
    private PlanGraph graph;
    private final List<DecideOutcome> pending = new ArrayList<>();
    private boolean flushScheduled;
    /** Inputs that may write, in arrival order, each decided when this actor's turn to write comes. */
    private final java.util.ArrayDeque<Command> toWrite = new java.util.ArrayDeque<>();
    private final JournalGate gate;

    public static Behavior<Command> create(RunContext run, String specId) {
        return Behaviors.setup(context -> new SpecActor(run, specId, context));
    }

    private SpecActor(RunContext run, String specId, ActorContext<Command> context) {
        // no restart strategy here: it is started afresh by its parent (RunContext.startedAfresh)
        super(PersistenceIds.spec(run.runId(), specId));
        this.run = run;
        this.specId = specId;
        this.context = context;
        this.graph = run.graph();
        this.gate = JournalGate.get(context.getSystem());
    }

    @Override
    public SpecProgress emptyState() {
        // a retry's wait falls anywhere within its class's jitter, drawn when the retry is decided
        return new SpecProgress(specId, graph, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(-1, 1));
    }

    @Override
    public Set<String> tagsFor(RunEvent event) {
        return Set.of(PersistenceIds.runTag(run.runId()));
    }

    @Override
    public SignalHandler<SpecProgress> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state ->
                        run.directory().begun().thenRun(() -> context.getSelf().tell(Start.INSTANCE)))
                // a turn to write held when the actor stopped (a failed write) goes to the next in line
                .onSignal(org.apache.pekko.actor.typed.PostStop.instance(), state -> gate.release(context.getSelf()))
                .build();
    }

    @Override
    public EventHandler<SpecProgress, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((progress, event) -> {
            progress.apply(event);
            return progress;
        });
    }

    @Override
    public CommandHandler<Command, RunEvent, SpecProgress> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Start.class, (progress, c) -> awaitTurn(c))
                .onCommand(Wake.class, (progress, c) -> awaitTurn(c))
                .onCommand(DependencyCompleted.class, (progress, c) -> awaitTurn(c))
                .onCommand(DependencyFailed.class, (progress, c) -> awaitTurn(c))
                .onCommand(GroupAcrossSettled.class, (progress, c) -> awaitTurn(c))
                .onCommand(ResendGroupOutcome.class, this::onResendGroupOutcome)
                .onCommand(Reopen.class, (progress, c) -> awaitTurn(c))
                .onCommand(Cancel.class, (progress, c) -> awaitTurn(c))
                .onCommand(DecideOutcome.class, (progress, c) -> onOutcome(c))
                .onCommand(Flush.class, (progress, c) -> awaitTurn(c))
                .onCommand(TurnToWrite.class, (progress, c) -> onTurnToWrite(progress))
                .onCommand(ResendSettlement.class, this::onResendSettlement)
                .onCommand(AnnounceWaited.class, this::onAnnounceWaited)
                .onCommand(GraphGrew.class, (progress, c) -> {
                    if (c.graph().specIds().size() > graph.specIds().size()) {
                        graph = c.graph();
                    }
                    return Effect().none();
                })
                .build();
    }

    /** Queues an input that may write; the first in the queue asks the gate for a turn. */
    private Effect<RunEvent, SpecProgress> awaitTurn(Command input) {
        toWrite.add(input);
        if (toWrite.size() == 1) {
            gate.acquire(context.getSelf(), TurnToWrite.INSTANCE);
        }
        return Effect().none();
    }

    /** Decides the first queued input and writes it; the turn passes on once the write is done. */
    private Effect<RunEvent, SpecProgress> onTurnToWrite(SpecProgress progress) {
        Command input = toWrite.poll();
        if (input == null) {
            gate.release(context.getSelf());
            return Effect().none();
        }
        return decide(progress, input).thenRun(state -> {
            gate.release(context.getSelf());
            if (!toWrite.isEmpty()) {
                gate.acquire(context.getSelf(), TurnToWrite.INSTANCE);
            }
        });
    }

    private EffectBuilder<RunEvent, SpecProgress> decide(SpecProgress progress, Command input) {
        if (input instanceof DependencyCompleted c) {
            return decided(progress.dependencyCompleted(c.spec(), run.clock().instant()), c.followUp());
        }
        if (input instanceof DependencyFailed c) {
            return decided(progress.dependencyFailed(c.spec(), run.clock().instant()), c.followUp());
        }
        if (input instanceof GroupAcrossSettled c) {
            return decided(c.succeeded() ? progress.groupAcrossSucceeded(c.group(), run.clock().instant())
                    : progress.groupAcrossFailed(c.group(), run.clock().instant()), Optional.empty());
        }
        if (input instanceof ResendSettlement c) {
            answerSettlement(progress, c);
            return Effect().none();
        }
        if (input instanceof ResendGroupOutcome c) {
            answerGroupOutcome(progress, c);
            return Effect().none();
        }
        if (input instanceof Reopen c) {
            return decided(progress.reopen(c.round(), c.nodes(), run.clock().instant()), Optional.empty());
        }
        if (input instanceof Flush) {
            return onFlush(progress);
        }
        if (input instanceof Cancel c) {
            return onCancel(progress, c);
        }
        List<RunEvent> reopened = run.retry()
                .map(r -> progress.reopen(r.round(), r.nodes(), run.clock().instant())).orElse(List.of());
        if (!reopened.isEmpty()) {
            // a retry is taken up before the spec starts: then it starts as what it is now
            toWrite.addFirst(input);
            return decided(reopened, Optional.empty());
        }
        return onStart(progress); // Start, Wake
    }

    /** Decides an operator's cancel; the time is taken here and stored in the event. */
    private EffectBuilder<RunEvent, SpecProgress> onCancel(SpecProgress progress, Cancel c) {
        SpecProgress.CancelDecision decision = progress.cancel(c.node(), c.by(), c.reason(), run.clock().instant());
        if (decision instanceof SpecProgress.CancelDecision.AlreadyFinal f) {
            c.replyTo().tell(org.apache.pekko.pattern.StatusReply.error(new io.slotflow.engine.ControlRefused(
                    io.slotflow.core.Rejection.NODE_CONFLICT, "node " + c.node() + " already has its outcome ("
                    + f.state().name().toLowerCase(java.util.Locale.ROOT) + "); nothing was cancelled")));
            return Effect().none();
        }
        if (!(decision instanceof SpecProgress.CancelDecision.Cancelled cancelled)) {
            c.replyTo().tell(org.apache.pekko.pattern.StatusReply.error(new io.slotflow.engine.ControlRefused(
                    io.slotflow.core.Rejection.UNKNOWN, "spec " + specId + " has no group '" + c.node() + "'")));
            return Effect().none();
        }
        List<RunEvent> events = cancelled.events();
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            settle(events, Optional.empty());
            c.replyTo().tell(org.apache.pekko.pattern.StatusReply.ack());
        });
    }

    /** After a (re)start: begin, announce what is ready, repeat a settlement, ask for missed ones. */
    private EffectBuilder<RunEvent, SpecProgress> onStart(SpecProgress progress) {
        List<RunEvent> events = progress.begin(run.clock().instant());
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            announce(state.readyNodes());
            run.directory().slotManager(new SlotManager.Announced(new Owner.Spec(specId)));
            if (state.status() != SpecProgress.Status.ACTIVE) {
                notifySettled(state.status() == SpecProgress.Status.COMPLETED);
            }
            for (String awaited : state.awaitedSpecs()) {
                run.directory().spec(awaited, new ResendSettlement(new Owner.Spec(specId)));
            }
            // group outcomes other specs wait for may have been lost with a restart: tell them again, ask for ours
            GroupNotices.repeated(graph, state.settledForOthers()).forEach(this::tellGroup);
            for (String awaited : state.awaitedGroups()) {
                run.directory().spec(NodeIds.specOf(awaited), new ResendGroupOutcome(awaited, specId));
            }
        });
    }

    private Effect<RunEvent, SpecProgress> onOutcome(DecideOutcome outcome) {
        pending.add(outcome);
        if (!flushScheduled) {
            flushScheduled = true;
            context.getSelf().tell(Flush.INSTANCE);
        }
        return Effect().none();
    }

    /** All outcomes gathered since the last flush: decided together, persisted in one write. */
    private EffectBuilder<RunEvent, SpecProgress> onFlush(SpecProgress progress) {
        flushScheduled = false;
        List<DecideOutcome> batch = List.copyOf(pending);
        pending.clear();
        List<List<RunEvent>> decided = progress.sessionOutcomes(batch.stream().map(DecideOutcome::outcome).toList(),
                run.clock().instant());
        List<RunEvent> events = new ArrayList<>();
        decided.forEach(events::addAll);
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            announce(newlyReady(events));
            for (int i = 0; i < batch.size(); i++) {
                settle(decided.get(i), batch.get(i).followUp());
            }
        });
    }

    private Effect<RunEvent, SpecProgress> onAnnounceWaited(SpecProgress progress, AnnounceWaited waited) {
        String node = waited.note().node().id();
        if (progress.state(node) == SpecProgress.GroupState.READY && progress.attempt(node) == waited.note().attempt()) {
            announce(List.of(waited.note()));
        }
        return Effect().none();
    }

    private Effect<RunEvent, SpecProgress> onResendSettlement(SpecProgress progress, ResendSettlement request) {
        if (!toWrite.isEmpty()) {
            // answered after what arrived before it: a retry queued here may reopen this spec
            return awaitTurn(request);
        }
        answerSettlement(progress, request);
        return Effect().none();
    }

    private Effect<RunEvent, SpecProgress> onResendGroupOutcome(SpecProgress progress, ResendGroupOutcome request) {
        if (!toWrite.isEmpty()) {
            return awaitTurn(request);
        }
        answerGroupOutcome(progress, request);
        return Effect().none();
    }

    /**
     * Tells the asking spec how the group ended; nothing while it has not (it is told when it does), nor
     * while a retry this spec has not taken up yet will reopen it.
     */
    private void answerGroupOutcome(SpecProgress progress, ResendGroupOutcome request) {
        SpecProgress.GroupState state = progress.state(request.group());
        boolean toBeReopened = run.retry().filter(r -> r.round() > progress.retryRound()
                && r.nodes().contains(request.group())).isPresent();
        if (toBeReopened) {
            return;
        }
        if (state != null && state.isFinal()) {
            run.directory().spec(request.dependentSpec(),
                    new GroupAcrossSettled(request.group(), state == SpecProgress.GroupState.SUCCEEDED));
        }
    }

    private void tellGroup(GroupNotices.Notice notice) {
        run.directory().spec(notice.to(), new GroupAcrossSettled(notice.group(), notice.succeeded()));
    }

    private void answerSettlement(SpecProgress progress, ResendSettlement request) {
        if (progress.status() != SpecProgress.Status.ACTIVE) {
            boolean completed = progress.status() == SpecProgress.Status.COMPLETED;
            if (request.dependent() instanceof Owner.Spec dependent) {
                run.directory().spec(dependent.id(), completed
                        ? new DependencyCompleted(specId, Optional.empty())
                        : new DependencyFailed(specId, Optional.empty()));
            } else {
                run.directory().injector(new ReviewInjector.SpecSettled(specId, completed, Optional.empty()));
            }
        }
    }

    /** Persists what {@link SpecProgress} decided, then announces, notifies and settles. */
    private EffectBuilder<RunEvent, SpecProgress> decided(List<RunEvent> events, Optional<FollowUp> followUp) {
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            announce(newlyReady(events));
            settle(events, followUp);
        });
    }

    /** Tells dependents and the injector if the spec settled, then settles the follow-up that caused it. */
    private void settle(List<RunEvent> events, Optional<FollowUp> followUp) {
        List<SpecSettlement.Notice> notices = SpecSettlement.notices(graph, specId, events, followUp);
        notices.forEach(this::tell);
        GroupNotices.of(graph, events).forEach(this::tellGroup);
        followUp.ifPresent(f -> run.directory().slotManager(
                new SlotManager.Settled(f, SpecSettlement.opened(notices))));
    }

    private void notifySettled(boolean completed) {
        SpecSettlement.notices(graph, specId, completed, Optional.empty()).forEach(this::tell);
    }

    private void tell(SpecSettlement.Notice notice) {
        if (notice.to() instanceof Owner.Spec dependent) {
            run.directory().spec(dependent.id(), notice.completed()
                    ? new DependencyCompleted(specId, notice.followUp())
                    : new DependencyFailed(specId, notice.followUp()));
        } else {
            run.directory().injector(new ReviewInjector.SpecSettled(specId, notice.completed(), notice.followUp()));
        }
    }

    private List<ReadyNode> newlyReady(List<RunEvent> events) {
        List<ReadyNode> ready = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof NodeReady r) {
                ready.add(new ReadyNode(graph.group(r.node()), r.attempt(), r.notBefore()));
            }
        }
        return ready;
    }

    /**
     * Sends ready groups to the slot manager, one message per class rank (the mailbox orders by it);
     * a retry still waiting out its backoff is sent when the wait ends.
     */
    private void announce(List<ReadyNode> ready) {
        java.time.Instant now = run.clock().instant();
        List<ReadyNode> due = new ArrayList<>();
        for (ReadyNode note : ready) {
            if (note.readyAt().isAfter(now)) {
                context.scheduleOnce(java.time.Duration.between(now, note.readyAt()), context.getSelf(),
                        new AnnounceWaited(note));
            } else {
                due.add(note);
            }
        }
        Announcements.byRank(graph, due).forEach((rank, notes) ->
                run.directory().slotManager(new SlotManager.NodesReady(notes, rank)));
    }
}
