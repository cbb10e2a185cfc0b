package io.slotflow.engine.internal;

import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.SpecProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A spec this one depends on completed. {@code credit}: the slot manager waits for a Settled. */
    public record DependencyCompleted(String spec, boolean credit) implements Command {
    }

    /** A spec this one depends on failed: this one cannot run. */
    public record DependencyFailed(String spec, boolean credit) implements Command {
    }

    /** A session of one of this spec's groups ended. */
    public record Outcome(String node, int attempt, SessionOutcome outcome, String detail, boolean credit)
            implements Command {
    }

    /** Asks a settled spec to tell {@code dependent} again (null: the review injector). */
    public record ResendSettlement(String dependent) implements Command {
    }

    private enum Start implements Command { INSTANCE }

    /** This actor's turn to write came (from the {@link JournalGate}). */
    private enum TurnToWrite implements Command, JournalGate.Granted { INSTANCE }

    /** Decide on every outcome that arrived since the last flush, in one journal write. */
    private enum Flush implements Command { INSTANCE }

    private final RunContext run;
    private final String specId;
    private final ActorContext<Command> context;
    private final PlanGraph graph;
    private final List<String> dependents;
    private final List<Outcome> pending = new ArrayList<>();
    private boolean flushScheduled;
    /** Inputs that may write, in arrival order, each decided when this actor's turn to write comes. */
    private final java.util.ArrayDeque<Command> toWrite = new java.util.ArrayDeque<>();
    private final JournalGate gate;

    public static Behavior<Command> create(RunContext run, String specId) {
        return Behaviors.setup(context -> new SpecActor(run, specId, context));
    }

    private SpecActor(RunContext run, String specId, ActorContext<Command> context) {
        super(PersistenceIds.spec(run.runId(), specId));
        this.run = run;
        this.specId = specId;
        this.context = context;
        this.graph = run.graph();
        this.dependents = graph.specIds().stream()
                .filter(s -> graph.spec(s).dependsOn().contains(specId)).toList();
        this.gate = JournalGate.get(context.getSystem());
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
                .onSignal(RecoveryCompleted.instance(), state -> {
                    // a failed incarnation (same reference) may have held a turn, or waited for one
                    gate.release(context.getSelf());
                    run.directory().begun().thenRun(() -> context.getSelf().tell(Start.INSTANCE));
                })
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
                .onCommand(Outcome.class, (progress, c) -> onOutcome(c))
                .onCommand(Flush.class, (progress, c) -> awaitTurn(c))
                .onCommand(TurnToWrite.class, (progress, c) -> onTurnToWrite(progress))
                .onCommand(ResendSettlement.class, this::onResendSettlement)
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
            gate.release(context.getSelf()); // a stale turn, from before a restart
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
            return decided(progress.dependencyCompleted(c.spec(), run.clock().instant()), c.credit());
        }
        if (input instanceof DependencyFailed c) {
            return decided(progress.dependencyFailed(c.spec(), run.clock().instant()), c.credit());
        }
        if (input instanceof Flush) {
            return onFlush(progress);
        }
        return onStart(progress); // Start, Wake
    }

    /** After a (re)start: begin, announce what is ready, repeat a settlement, ask for missed ones. */
    private EffectBuilder<RunEvent, SpecProgress> onStart(SpecProgress progress) {
        List<RunEvent> events = progress.begin(run.clock().instant());
        return Persisting.then(Effect(), events, state -> {
            run.listener().persisted(events);
            announce(state.readyNodes().stream()
                    .map(r -> new ReadyNote(r.node(), r.attempt(), r.readyAt())).toList());
            if (state.status() != SpecProgress.Status.ACTIVE) {
                notifySettled(state.status() == SpecProgress.Status.COMPLETED, false);
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
    private EffectBuilder<RunEvent, SpecProgress> onFlush(SpecProgress progress) {
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
                int followUps = 0;
                for (RunEvent e : decided.get(i)) {
                    if (e instanceof SpecCompleted || e instanceof SpecFailed) {
                        followUps += notifySettled(e instanceof SpecCompleted, batch.get(i).credit());
                    }
                }
                if (batch.get(i).credit()) {
                    run.directory().slotManager(new SlotManager.Settled(followUps));
                }
            }
        });
    }

    private Effect<RunEvent, SpecProgress> onResendSettlement(SpecProgress progress, ResendSettlement request) {
        if (progress.status() != SpecProgress.Status.ACTIVE) {
            boolean completed = progress.status() == SpecProgress.Status.COMPLETED;
            if (request.dependent() == null) {
                run.directory().injector(new ReviewInjector.SpecSettled(specId, completed, false));
            } else {
                run.directory().spec(request.dependent(), completed
                        ? new DependencyCompleted(specId, false)
                        : new DependencyFailed(specId, false));
            }
        }
        return Effect().none();
    }

    /** Persists what {@link SpecProgress} decided, then announces, notifies and settles. */
    private EffectBuilder<RunEvent, SpecProgress> decided(List<RunEvent> events, boolean credit) {
        if (events.isEmpty()) {
            if (credit) {
                run.directory().slotManager(new SlotManager.Settled(0));
            }
            return Effect().none();
        }
        return Effect().persist(events).thenRun(state -> {
            run.listener().persisted(events);
            announce(newlyReady(events));
            int followUps = 0;
            for (RunEvent e : events) {
                if (e instanceof SpecCompleted || e instanceof SpecFailed) {
                    followUps += notifySettled(e instanceof SpecCompleted, credit);
                }
            }
            if (credit) {
                run.directory().slotManager(new SlotManager.Settled(followUps));
            }
        });
    }

    /** Tells dependents and the injector; returns how many were told. */
    private int notifySettled(boolean completed, boolean credit) {
        for (String dependent : dependents) {
            run.directory().spec(dependent, completed
                    ? new DependencyCompleted(specId, credit)
                    : new DependencyFailed(specId, credit));
        }
        run.directory().injector(new ReviewInjector.SpecSettled(specId, completed, credit));
        return dependents.size() + 1;
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
        Map<Integer, List<ReadyNote>> byRank = new HashMap<>();
        for (ReadyNote note : ready) {
            NodeDef node = note.node();
            byRank.computeIfAbsent(graph.workClass(node.workClass()).rank(), r -> new ArrayList<>()).add(note);
        }
        byRank.forEach((rank, notes) -> run.directory().slotManager(new SlotManager.NodesReady(notes, rank)));
    }
}
