package io.slotflow.engine.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.slotflow.core.Announcements;
import io.slotflow.core.FollowUp;
import io.slotflow.core.Owner;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.ReadyNode;
import io.slotflow.state.ReviewBook;
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
 * One per run: turns spec settlements into barrier firings and review nodes, and owns review and
 * batch nodes to their final outcome — a thin shell around {@link ReviewBook}. Which specs settled
 * is asked again after a restart; ready reviews are announced again.
 */
public final class ReviewInjector extends EventSourcedBehavior<ReviewInjector.Command, RunEvent, ReviewBook> {

    /** What the review injector accepts. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public interface Command extends ClusterMessage {
    }

    /** A spec completed or failed. */
    public record SpecSettled(String spec, boolean completed, Optional<FollowUp> followUp) implements Command {
    }


    private enum Start implements Command { INSTANCE }

    /** Specs joined the run: they must settle too before the run does; ask them whether they have. */
    public record GraphGrew(PlanGraph graph) implements Command {
    }

    /** Announce the ready reviews again and repeat AllSettled: a slot manager started afresh knows neither. */
    public enum Wake implements Command { INSTANCE }

    private final RunContext run;
    private final ActorContext<Command> context;
    private PlanGraph graph;
    private boolean allSettledSent;

    public static Behavior<Command> create(RunContext run) {
        return Behaviors.setup(context -> new ReviewInjector(run, context));
    }

    private ReviewInjector(RunContext run, ActorContext<Command> context) {
        // no restart strategy here: it is started afresh by its parent (RunContext.startedAfresh)
        super(PersistenceIds.reviewInjector(run.runId()));
        this.run = run;
        this.context = context;
        this.graph = run.graph();
    }

    @Override
    public ReviewBook emptyState() {
        return new ReviewBook(graph);
    }

    @Override
    public Set<String> tagsFor(RunEvent event) {
        return Set.of(PersistenceIds.runTag(run.runId()));
    }

    @Override
    public SignalHandler<ReviewBook> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state ->
                        run.directory().begun().thenRun(() -> context.getSelf().tell(Start.INSTANCE)))
                .build();
    }

    @Override
    public EventHandler<ReviewBook, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((book, event) -> {
            book.apply(event);
            return book;
        });
    }

    @Override
    public CommandHandler<Command, RunEvent, ReviewBook> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Start.class, (book, c) -> onStart(book))
                .onCommand(Wake.class, (book, c) -> onWake(book))
                .onCommand(GraphGrew.class, this::onGraphGrew)
                .onCommand(SpecSettled.class, (book, c) ->
                        decided(book.specSettled(c.spec(), c.completed(), run.clock().instant()), c.followUp()))
                .onCommand(DecideOutcome.class, (book, c) ->
                        decided(book.sessionOutcome(c.outcome(), run.clock().instant()), c.followUp()))
                .build();
    }

    private Effect<RunEvent, ReviewBook> onGraphGrew(ReviewBook book, GraphGrew grew) {
        if (grew.graph().specIds().size() > graph.specIds().size()) {
            graph = grew.graph();
            book.graphGrew(graph);
            allSettledSent = false;
            graph.specIds().forEach(spec -> run.directory().spec(spec, new SpecActor.ResendSettlement(Owner.Injector.INSTANCE)));
        }
        return Effect().none();
    }

    /** After a (re)start: announce ready reviews and ask every spec whether it settled. */
    private Effect<RunEvent, ReviewBook> onWake(ReviewBook book) {
        if (book.isDone()) {
            allSettledSent = true;
            run.directory().slotManager(new SlotManager.AllSettled(book.settledSpecCount()));
        }
        return onStart(book);
    }

    private Effect<RunEvent, ReviewBook> onStart(ReviewBook book) {
        announce(book.readyNodes());
        run.directory().slotManager(new SlotManager.Announced(Owner.Injector.INSTANCE));
        run.directory().specIds().forEach(spec -> run.directory().spec(spec, new SpecActor.ResendSettlement(Owner.Injector.INSTANCE)));
        return Effect().none();
    }

    private Effect<RunEvent, ReviewBook> decided(List<RunEvent> events, Optional<FollowUp> followUp) {
        return Persisting.then(Effect(), events, book -> {
            run.listener().persisted(events);
            List<ReadyNode> ready = new ArrayList<>();
            for (RunEvent e : events) {
                if (e instanceof NodeReady r) {
                    ready.add(new ReadyNode(book.node(r.node()), r.attempt(), r.at()));
                }
            }
            announce(ready);
            followUp.ifPresent(f -> run.directory().slotManager(new SlotManager.Settled(f, List.of())));
            if (book.isDone() && !allSettledSent) {
                allSettledSent = true;
                run.directory().slotManager(new SlotManager.AllSettled(book.settledSpecCount()));
            }
        });
    }

    private void announce(List<ReadyNode> ready) {
        Announcements.byRank(graph, ready).forEach((rank, notes) ->
                run.directory().slotManager(new SlotManager.NodesReady(notes, rank)));
    }
}
