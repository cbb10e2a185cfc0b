package io.slotflow.bench;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.metrics.Percentiles;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.PersistenceIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The journal's round trip as an actor sees it: from {@code persist} to its callback, one write at
 * a time, on the engine's H2 file journal with the run's tag. A slot is refilled only after such a
 * write (an assignment is persisted before its session starts), so this bounds the engine.
 */
final class JournalBench {

    record Row(int eventsPerWrite, Percentiles roundTrip) {
    }

    private record Write(int events, CompletableFuture<Void> done) {
    }

    private JournalBench() {
    }

    static List<Row> run(int warmUp, int measured) throws Exception {
        Path dir = Files.createTempDirectory("slotflow-journal-bench");
        JournalSettings settings = JournalSettings.embedded(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-bench", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            ActorRef<Write> writer = system.systemActorOf(new Writer(), "writer", Props.empty());
            List<Row> rows = new ArrayList<>();
            for (int batch : new int[] {1, 20}) {
                List<Duration> times = new ArrayList<>();
                for (int i = 0; i < warmUp + measured; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    writer.tell(new Write(batch, done));
                    done.get(1, TimeUnit.MINUTES);
                    if (i >= warmUp) {
                        times.add(Duration.ofNanos(System.nanoTime() - start));
                    }
                }
                rows.add(new Row(batch, Percentiles.of(times)));
            }
            return rows;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    /** Persists batches of events tagged like a run's, and says when each is written. */
    private static final class Writer extends EventSourcedBehavior<Write, RunEvent, Integer> {
        Writer() {
            super(PersistenceIds.slotManager("journal-bench"));
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public Set<String> tagsFor(RunEvent event) {
            return Set.of(PersistenceIds.runTag("journal-bench"));
        }

        @Override
        public CommandHandler<Write, RunEvent, Integer> commandHandler() {
            return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, (n, w) -> {
                List<RunEvent> events = new ArrayList<>(w.events());
                for (int i = 0; i < w.events(); i++) {
                    events.add(new RunResumed(Instant.now()));
                }
                return Effect().persist(events).thenRun(s -> w.done().complete(null));
            }).build();
        }

        @Override
        public EventHandler<Integer, RunEvent> eventHandler() {
            return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> n + 1);
        }
    }
}
