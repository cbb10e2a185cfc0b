package io.slotflow.bench;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.metrics.Percentiles;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.PersistenceIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The journal's round trip as an actor sees it: from {@code persist} to its callback, one write at
 * a time, on the engine's H2 file journal with the run's tag. A slot is refilled only after such a
 * write (an assignment is persisted before its session starts), so this bounds the engine.
 */
final class JournalBench {

    record Row(int eventsPerWrite, Percentiles roundTrip) {
    }

    private JournalBench() {
    }

    static List<Row> run(int warmUp, int measured) throws Exception {
        try (Scratch scratch = Scratch.create("slotflow-journal-bench")) {
            return run(warmUp, measured, scratch.path());
        }
    }

    private static List<Row> run(int warmUp, int measured, Path dir) throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-bench", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            ActorRef<ReplayBench.Write> writer = system.systemActorOf(
                    new ReplayBench.Writer(PersistenceIds.slotManager("journal-bench")), "writer", Props.empty());
            List<Row> rows = new ArrayList<>();
            for (int batch : new int[] {1, 20}) {
                List<Duration> times = new ArrayList<>();
                for (int i = 0; i < warmUp + measured; i++) {
                    List<RunEvent> events = new ArrayList<>();
                    for (int e = 0; e < batch; e++) {
                        events.add(new RunResumed(Instant.now()));
                    }
                    long start = System.nanoTime();
                    AskPattern.<ReplayBench.Write, Done>ask(writer, reply -> new ReplayBench.Write(events, reply),
                            Duration.ofMinutes(1), system.scheduler()).toCompletableFuture().get();
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
}
