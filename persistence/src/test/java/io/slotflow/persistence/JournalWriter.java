package io.slotflow.persistence;

import io.slotflow.event.RunEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Test helper: writes hand-made events into a real journal, under a persistence id and with the
 * run's tag, as the engine's actors would. For journals that break guarantees on purpose.
 */
public final class JournalWriter extends EventSourcedBehavior<JournalWriter.Write, RunEvent, Integer> {

    /** Persist these events, then reply. */
    public record Write(List<RunEvent> events, ActorRef<Done> replyTo) {
    }

    private final String tag;

    private JournalWriter(PersistenceId id, String runId) {
        super(id);
        this.tag = PersistenceIds.runTag(runId);
    }

    public static Behavior<Write> create(PersistenceId id, String runId) {
        return new JournalWriter(id, runId);
    }

    /** Spawns a writer, persists the events, waits, stops it. */
    public static void write(ActorSystem<?> system, PersistenceId id, String runId, List<RunEvent> events)
            throws Exception {
        ActorRef<Write> writer = system.systemActorOf(create(id, runId),
                "writer-" + Math.abs(id.id().hashCode()) + "-" + System.nanoTime(), Props.empty());
        AskPattern.<Write, Done>ask(writer, reply -> new Write(events, reply), Duration.ofSeconds(30),
                system.scheduler()).toCompletableFuture().get();
        org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(writer).tell(
                org.apache.pekko.actor.PoisonPill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    }

    @Override
    public Integer emptyState() {
        return 0;
    }

    @Override
    public Set<String> tagsFor(RunEvent event) {
        return Set.of(tag);
    }

    @Override
    public CommandHandler<Write, RunEvent, Integer> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Write.class, (state, w) -> Effect().persist(w.events()).thenReply(w.replyTo(), s -> Done.getInstance()))
                .build();
    }

    @Override
    public EventHandler<Integer, RunEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> n + 1);
    }
}
