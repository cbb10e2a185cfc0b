package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's batched write: every event a row with its tag, read back in order, and counted. */
class BatchedJournalDaoTest {

    @TempDir
    Path dir;

    @Test
    void eventsOfTwoActorsAreWrittenWithTheirTagsAndReadBackInOrder() throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        List<RunEvent> events = Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        long commitsBefore = JournalWriteStats.commits();
        long eventsBefore = JournalWriteStats.events();
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalWriter.write(system, PersistenceIds.slotManager("r"), "r", events.subList(0, 10));
            JournalWriter.write(system, PersistenceIds.spec("r", "greet"), "r", events.subList(10, events.size()));
            try (JournalReader reader = JournalReader.open(settings)) {
                assertThat(reader.events("r")).isEqualTo(events);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        assertThat(JournalWriteStats.events() - eventsBefore).isEqualTo(events.size());
        assertThat(JournalWriteStats.commits() - commitsBefore).isBetween(1L, (long) events.size());
        try (Connection c = DriverManager.getConnection(settings.url(), settings.credentials());
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT T.\"event_id\") "
                        + "FROM \"event_tag\" T JOIN \"event_journal\" J ON J.\"ordering\" = T.\"event_id\" "
                        + "WHERE T.\"tag\" = '" + PersistenceIds.runTag("r") + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(events.size());
            assertThat(rs.getLong(2)).isEqualTo(events.size());
        }
    }
}
