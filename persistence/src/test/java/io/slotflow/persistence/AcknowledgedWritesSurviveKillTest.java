package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write an H2 file journal acknowledged survives a {@code kill -9} of the process that made it:
 * a child JVM ({@link AcknowledgingWriters}) persists through Pekko's JDBC journal from many writers
 * at once and notes each acknowledged write by persistence id and sequence number; it is killed at a
 * different moment each trial, and the database, opened afresh, must hold every noted event. The
 * journal's reader must then count the run's events as the table holds them.
 * {@code -Dslotflow.ackTrials=N} sets the number of trials (default 3).
 */
@Tag("slow")
class AcknowledgedWritesSurviveKillTest {

    private static final int WRITERS = 48;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteIsInTheJournalAfterAKill() throws Exception {
        int trials = Integer.getInteger("slotflow.ackTrials", 3);
        for (int trial = 0; trial < trials; trial++) {
            Path state = dir.resolve("t" + trial);
            Path acks = dir.resolve("acks-" + trial);
            long killAfter = 300 + 700L * trial; // acknowledged writes before the kill, a new moment each trial
            killAfter(state, acks, killAfter);
            Map<String, Long> acknowledged = acknowledged(acks);
            Map<String, Long> held = new HashMap<>();
            Map<String, Long> rows = new HashMap<>();
            try (Connection c = DriverManager.getConnection(JournalSettings.embedded(state).url(), "sa", "");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT persistence_id, MAX(sequence_number), COUNT(*) "
                            + "FROM event_journal GROUP BY persistence_id")) {
                while (r.next()) {
                    held.put(r.getString(1), r.getLong(2));
                    rows.put(r.getString(1), r.getLong(3));
                }
            }
            List<String> lost = new ArrayList<>();
            acknowledged.forEach((id, seq) -> {
                if (held.getOrDefault(id, 0L) < seq) {
                    lost.add(id + ": acknowledged up to " + seq + ", journal holds up to " + held.get(id));
                }
            });
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("ack trial %d: killed after %d acknowledged writes, %d events held, lost: %s%n", trial,
                    killAfter, total, lost);
            assertThat(lost).as("trial %d", trial).isEmpty();
            held.forEach((id, max) -> assertThat(rows.get(id)).as("%s has no holes", id).isEqualTo(max));
            try (JournalReader reader = JournalReader.open(JournalSettings.embedded(state))) {
                assertThat(reader.events("acks")).as("the reader sees what the table holds").hasSize((int) total);
            }
        }
    }

    private static void killAfter(Path state, Path acks, long writes) throws Exception {
        Files.createDirectories(state);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AcknowledgingWriters.class.getName(), state.toString(), acks.toString(), String.valueOf(WRITERS), "acks")
                .redirectErrorStream(true).redirectOutput(state.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !child.isAlive() || lines(acks) >= writes);
            assertThat(child.isAlive()).as("the writer died early: %s", Files.readString(state.resolve("child.log")))
                    .isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static long lines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    /** The highest acknowledged sequence number of each writer. */
    private static Map<String, Long> acknowledged(Path acks) throws java.io.IOException {
        Map<String, Long> max = new HashMap<>();
        String text = Files.readString(acks, StandardCharsets.US_ASCII);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            String[] f = line.split(" ");
            max.merge(f[0], Long.parseLong(f[1]), Math::max);
        }
        return max;
    }
}
