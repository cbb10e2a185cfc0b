package io.slotflow.engine.internal;

import io.slotflow.core.Announcements;
import io.slotflow.core.FollowUp;
import io.slotflow.core.Owner;
import io.slotflow.core.SpecSettlement;
import io.slotflow.core.ReadyNote;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.PersistenceIds;
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

    /** A session of one of this spec's groups ended; with a follow-up, the slot manager waits for it to settle. */
    public record Outcome(String node, int attempt, SessionOutcome outcome, String detail, Optional<FollowUp> followUp)
            implements Command {
    }

    /** Asks a settled spec to tell {@code dependent} again (null: the review injector). */
    public record ResendSettlement(String dependent) implements Command {
    }

    private enum Start implements Command { INSTANCE }

    /** Decide on every outcome that arrived since the last flush, in one journal write. */
    private enum Flush implements Command { INSTANCE }

    private final RunContext run;
    private final String specId;
    private final ActorContext<Command> context;
    private final PlanGraph graph;
    private final List<Outcome> pending = new ArrayList<>();
    private boolean flushScheduled;

    public static Behavior<Command> create(RunContext run, String specId) {
        return Behaviors.setup(context -> new SpecActor(run, specId, context));
    }

    private SpecActor(RunContext run, String specId, ActorContext<Command> context) {
        super(PersistenceIds.spec(run.runId(), specId),
                run.journalBackoff());
        this.run = run;
        this.specId = specId;
        this.context = context;
        this.graph = run.graph();
    }

    @Override
    public SpecProgress emptyState() {
        return new SpecProgress(specId, graph);
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
                .onCommand(Start.class, (progress, c) -> onStart(progress))
                .onCommand(Wake.class, (progress, c) -> onStart(progress))
                .onCommand(DependencyCompleted.class, (progress, c) ->
                        decided(progress.dependencyCompleted(c.spec(), run.clock().instant()), c.followUp()))
                .onCommand(DependencyFailed.class, (progress, c) ->
                        decided(progress.dependencyFailed(c.spec(), run.clock().instant()), c.followUp()))
                .onCommand(Outcome.class, (progress, c) -> onOutcome(c))
                .onCommand(Flush.class, (progress, c) -> onFlush(progress))
                .onCommand(ResendSettlement.class, this::onResendSettlement)
                .build();
    }

    /** After a (re)start: begin, announce what is ready, repeat a settlement, ask for missed ones. */
    private Effect<RunEvent, SpecProgress> onStart(SpecProgress progress) {
        List<RunEvent> events = progress.begin(run.clock().instant());
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            announce(state.readyNodes().stream()
                    .map(r -> new ReadyNote(r.node(), r.attempt(), r.readyAt())).toList());
            run.directory().slotManager(new SlotManager.Announced(new Owner.Spec(specId)));
            if (state.status() != SpecProgress.Status.ACTIVE) {
                notifySettled(state.status() == SpecProgress.Status.COMPLETED);
            }
            for (String awaited : state.awaitedSpecs()) {
                run.directory().spec(awaited, new ResendSettlement(specId));
            }
        });
    }

    private Effect<RunEvent, SpecProgress> onOutcome(Outcome outcome) {
        pending.add(outcome);
        if (!flushScheduled) {
            flushScheduled = true;
            context.getSelf().tell(Flush.INSTANCE);
        }
        return Effect().none();
    }

    /** All outcomes gathered since the last flush: decided together, persisted in one write. */
    private Effect<RunEvent, SpecProgress> onFlush(SpecProgress progress) {
        flushScheduled = false;
        List<Outcome> batch = List.copyOf(pending);
        pending.clear();
        List<List<RunEvent>> decided = progress.sessionOutcomes(batch.stream()
                .map(o -> new SpecProgress.Outcome(o.node(), o.attempt(), o.outcome(), o.detail())).toList(),
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

    private Effect<RunEvent, SpecProgress> onResendSettlement(SpecProgress progress, ResendSettlement request) {
        if (progress.status() != SpecProgress.Status.ACTIVE) {
            boolean completed = progress.status() == SpecProgress.Status.COMPLETED;
            if (request.dependent() == null) {
                run.directory().injector(new ReviewInjector.SpecSettled(specId, completed, Optional.empty()));
            } else {
                run.directory().spec(request.dependent(), completed
                        ? new DependencyCompleted(specId, Optional.empty())
                        : new DependencyFailed(specId, Optional.empty()));
            }
        }
        return Effect().none();
    }

    /** Persists what {@link SpecProgress} decided, then announces, notifies and settles. */
    private Effect<RunEvent, SpecProgress> decided(List<RunEvent> events, Optional<FollowUp> followUp) {
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

    private List<ReadyNote> newlyReady(List<RunEvent> events) {
        List<ReadyNote> ready = new ArrayList<>();
        for (RunEvent e : events) {
            if (e instanceof NodeReady r) {
                ready.add(new ReadyNote(graph.group(r.node()), r.attempt(), r.at()));
            }
        }
        return ready;
    }

    /** Sends ready groups to the slot manager, one message per class rank (the mailbox orders by it). */
    private void announce(List<ReadyNote> ready) {
        Announcements.byRank(graph, ready).forEach((rank, notes) ->
                run.directory().slotManager(new SlotManager.NodesReady(notes, rank)));
    }
}
