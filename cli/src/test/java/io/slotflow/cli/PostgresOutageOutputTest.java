package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a real PostgreSQL outage: {@code slotflow run} in a child JVM against the
 * test server, which is stopped (pg_ctl stop) for about 15 s while sessions run, then started again.
 * The run completes with exit 0; the terminal gets nothing (the log goes to slotflow.log), and the
 * log holds a few lines — each fault once, and the recovery — and no stack trace (about 280 lines
 * for a 25 s outage before).
 */
@Tag("postgres") // stops the shared PostgreSQL server: runs alone, after the parallel tests (cli/pom.xml)
class PostgresOutageOutputTest {

    /** How long the server stays away: long enough for writes to fail and be retried, short of any give-up. */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @AfterEach
    void serverBack() {
        if (System.getenv("SLOTFLOW_TEST_POSTGRES_URL") != null) {
            TestPostgres.start();
        }
    }

    /**
     * The test's class path less the test classes: a logback-test.xml there (the persistence module's)
     * would replace the CLI's own logging configuration, which is what is under test.
     */
    private static String productionClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    @Test
    void anOutagePrintsOneLineForTheFaultAndOneForTheRecoveryAndNoStackTrace() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        Path plan = dir.resolve("outage.yaml");
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: "sleep 2", writes: [a]}
                  - {id: b, command: "sleep 2", writes: [b]}
                  - {id: c, command: "sleep 2", writes: [c]}
                  - {id: d, command: "sleep 2", writes: [d]}
                  - {id: e, command: "sleep 2", writes: [e]}
                  - {id: f, command: "sleep 2", writes: [f]}
                """);
        Path err = dir.resolve("stderr.txt");
        String runId = "pg-outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", productionClassPath(),
                Main.class.getName(), "run", plan.toString(), "--run-id", runId, "--view", "lines",
                "--journal", pg.url(), "--state-dir", dir.resolve("state").toString()));
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int started = 0;
            while (started < 2 && (line = lines.readLine()) != null) {
                out.add(line);
                started += line.matches("\\d\\d:\\d\\d:\\d\\d start .*") ? 1 : 0;
            }
            assertThat(started).as("two sessions started: %s", out).isEqualTo(2);
            TestPostgres.stop();
            // the outage itself is the test's input: the running sessions end and their writes fail meanwhile
            await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
            TestPostgres.start();
            while ((line = lines.readLine()) != null) {
                out.add(line);
            }
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> stderr = Files.readAllLines(err);
        assertThat(child.exitValue()).as("stdout %s, stderr %s", out, stderr).isZero();
        assertThat(stderr).as("the terminal belongs to the live view: the log goes to slotflow.log").isEmpty();
        // what the log says beyond the run's own INFO lines: the fault, once per source, and its end
        List<String> log = Files.readAllLines(EngineLogFile.of(dir.resolve("state")));
        List<String> trouble = log.stream().filter(l -> !l.matches("\\S+ \\S+ INFO .*")).toList();
        assertThat(trouble).as("a few lines for the fault and one for the recovery, in %s", log).hasSizeBetween(2, 8)
                .noneMatch(l -> l.matches("\\s+at .*") || l.startsWith("Caused by") || l.matches("\\s+\\.\\.\\. \\d+ more"))
                .anyMatch(l -> l.contains("WARN  io.slotflow.journal") && l.contains("journal reachable again"));
        System.out.printf("a %d s PostgreSQL outage: %d lines on stderr, %d lines besides INFO in slotflow.log:%n%s%n",
                OUTAGE.toSeconds(), stderr.size(), trouble.size(), String.join("\n", trouble));
    }
}
