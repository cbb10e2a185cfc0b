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
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 journal's own table layout, and journals created with the plugin's layout before it. */
class JournalSchemaTest {

    @TempDir
    Path dir;

    private static List<RunEvent> simulatedRun() {
        return Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
    }

    @Test
    void aNewH2JournalKeepsRowsInJournalOrderAndPayloadsInTheRow() throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30)); // every start runs it again
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        try (Connection c = DriverManager.getConnection(settings.url(), settings.credentials())) {
            assertThat(indexes(c, "event_journal")).containsExactlyInAnyOrder("PRIMARY KEY ordering",
                    "UNIQUE INDEX persistence_id,sequence_number");
            assertThat(indexes(c, "event_tag")).containsExactly("PRIMARY KEY tag,event_id");
            assertThat(columnType(c, "event_journal", "event_payload")).isEqualTo("BINARY VARYING");
        }
    }

    @Test
    void aJournalCreatedWithThePluginsLayoutIsStillReadAndWritten() throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        List<RunEvent> events = simulatedRun();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            // the tables as Slotflow created them before it had its own H2 layout
            // (the plugin's script itself: its SchemaUtils picks its legacy tables for any DAO but its own)
            SchemaUtils.applyScript(pluginH2Script(), system).toCompletableFuture().get();
            JournalWriter.write(system, PersistenceIds.slotManager("old"), "old", events.subList(0, 10));
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalWriter.write(system, PersistenceIds.spec("old", "greet"), "old", events.subList(10, events.size()));
            try (JournalReader reader = JournalReader.open(settings)) {
                assertThat(reader.events("old")).isEqualTo(events);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        try (Connection c = DriverManager.getConnection(settings.url(), settings.credentials())) {
            assertThat(columnType(c, "event_journal", "event_payload")).isEqualTo("BINARY LARGE OBJECT");
        }
    }

    private static String pluginH2Script() throws Exception {
        try (java.io.InputStream in = SchemaUtils.class.getClassLoader()
                .getResourceAsStream("schema/h2/h2-create-schema.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> indexes(Connection c, String table) throws Exception {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("""
                SELECT I.INDEX_TYPE_NAME, LISTAGG(C.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY C.ORDINAL_POSITION)
                FROM INFORMATION_SCHEMA.INDEXES I JOIN INFORMATION_SCHEMA.INDEX_COLUMNS C
                  ON I.INDEX_SCHEMA = C.INDEX_SCHEMA AND I.INDEX_NAME = C.INDEX_NAME
                WHERE I.TABLE_SCHEMA = 'PUBLIC' AND I.TABLE_NAME = '%s'
                GROUP BY I.INDEX_NAME, I.INDEX_TYPE_NAME""".formatted(table))) {
            while (rs.next()) {
                found.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return found;
    }

    private static String columnType(Connection c, String table, String column) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
