package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.RunEvent;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import io.slotflow.state.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real H2 file journal: events written under several persistence ids read back by run, in order. */
class JournalReaderTest {

    @TempDir
    Path dir;

    private static List<RunEvent> simulatedRun() {
        return Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
    }

    @Test
    void aRunReadsBackInJournalOrderAndFoldsToTheSameState() throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        List<RunEvent> events = simulatedRun();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            // the slot manager's events and another run, interleaved by writing them one after the other
            JournalWriter.write(system, PersistenceIds.slotManager("r1"), "r1", events.subList(0, 10));
            JournalWriter.write(system, PersistenceIds.slotManager("r2"), "r2", events.subList(0, 3));
            JournalWriter.write(system, PersistenceIds.spec("r1", "greet"), "r1", events.subList(10, events.size()));

            // a second reader, as another process would open it, while the writer's system still runs
            try (JournalReader reader = JournalReader.open(settings)) {
                assertThat(reader.runIds()).containsExactly("r1", "r2");
                assertThat(reader.events("r1")).isEqualTo(events);
                RunState replayed = reader.replay("r1");
                assertThat(replayed.nodes()).isEqualTo(RunState.fold(events).nodes());
                assertThatThrownBy(() -> reader.events("nope")).isInstanceOf(NoSuchElementException.class)
                        .hasMessage("no run nope in this journal");
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    @Test
    void followingARunDeliversEventsAsTheyAreWritten() throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        List<RunEvent> events = simulatedRun();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try (JournalReader reader = JournalReader.unmarked(system, settings)) {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            List<RunEvent> seen = new CopyOnWriteArrayList<>();
            JournalReader.Subscription follow = reader.follow("live", seen::add);
            JournalWriter.write(system, PersistenceIds.slotManager("live"), "live", events.subList(0, 5));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 5);
            JournalWriter.write(system, PersistenceIds.slotManager("live"), "live", events.subList(5, 8));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 8);
            assertThat(seen).isEqualTo(events.subList(0, 8));
            follow.cancel();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        JournalSettings pg = JournalSettings.fromUrl("jdbc:postgresql://db:5432/slotflow?password=hunter2",
                java.util.Map.of("SLOTFLOW_JOURNAL_USER", "flow", "SLOTFLOW_JOURNAL_PASSWORD", "s3cret"), 8);
        assertThat(pg.toString()).doesNotContain("hunter2").doesNotContain("s3cret").contains("password=***");
        assertThat(pg.describe()).isEqualTo("jdbc:postgresql://db:5432/slotflow?password=*** as flow");
        assertThat(pg.password()).isEqualTo("s3cret");
        assertThat(JournalSettings.fromUrl("jdbc:h2:file:/x/j", java.util.Map.of(), 2).url())
                .isEqualTo("jdbc:h2:file:/x/j;DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;PAGE_SIZE=4096");
        assertThatThrownBy(() -> JournalSettings.fromUrl("jdbc:mysql://x:secret@h/db", java.util.Map.of(), 1))
                .hasMessage("unsupported journal URL (expected jdbc:h2:... or jdbc:postgresql:...): jdbc:mysql://x:***@h/db");
    }
}
