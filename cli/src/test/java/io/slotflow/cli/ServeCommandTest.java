package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slotflow serve} as a real process and {@code slotflow ctl} against it: a run submitted,
 * the engine killed with SIGKILL and started again resumes it; SIGTERM stops it with 143.
 */
class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A served engine in a child JVM. */
    private static final class Served implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final String firstLine;

        Served(Path state) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "serve", "--state-dir", state.toString(), "--port", "0", "--stop-grace", "20s"));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> before = new ArrayList<>();
            String line = out.readLine();
            while (line != null && !line.startsWith("slotflow serve: listening on")) {
                before.add(line);
                line = out.readLine();
            }
            firstLine = line;
            assertThat(firstLine).as("serve started; it printed: " + String.join("\n", before)).isNotNull();
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Cli ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("ctl", "--state-dir", dir.resolve("state").toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private JsonNode status(String run) throws IOException {
        Cli status = ctl("status", run);
        assertThat(status.exitCode()).as(status.err()).isZero();
        return JSON.readTree(status.out());
    }

    @Test
    void aKilledEngineResumesItsRunOnTheNextStartAndSigtermStopsIt143() throws Exception {
        Path state = dir.resolve("state");
        Path plan = dir.resolve("three.yaml");
        Files.writeString(plan, """
                name: three
                run:
                  slots: 1
                specs:
                  - id: a
                    command: sleep 2
                    estimate: 2s
                    writes: [a]
                  - id: b
                    command: sleep 0.2
                    estimate: 200ms
                    writes: [b]
                """);
        try (Served first = new Served(state)) {
            assertThat(first.firstLine).matches("slotflow serve: listening on http://127\\.0\\.0\\.1:\\d+ .*0 unfinished runs resumed");
            Cli submitted = ctl("submit", plan.toString(), "--run-id", "three");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            await().atMost(WAIT).until(() -> {
                JsonNode running = status("three").get("running");
                return running.size() == 1 && running.get(0).hasNonNull("startedAt");
            });
            first.process.destroyForcibly(); // SIGKILL
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (Served second = new Served(state)) {
            assertThat(second.firstLine).endsWith("1 unfinished run resumed");
            await().atMost(WAIT).until(() -> status("three").get("phase").asText().equals("COMPLETED"));
            Cli bad = ctl("resize", "three", "0");
            assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(bad.err().strip()).isEqualTo("slotflow: run three has ended (completed) (HTTP 409)");
            Cli finished = ctl("cancel", "three", "--node", "a:0", "--reason", "too late");
            assertThat(finished.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(finished.err().strip()).isEqualTo(
                    "slotflow: node a:0 already has its outcome (succeeded); nothing was cancelled (HTTP 409)");
            Cli unknown = ctl("cancel", "three", "--node", "a:9");
            assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(unknown.err().strip()).isEqualTo("slotflow: run three has no node 'a:9' (HTTP 404)");
            second.process.destroy(); // SIGTERM
            assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process.exitValue()).isEqualTo(ExitCode.TERMINATED);
        }
        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(state))) {
            List<RunEvent> events = journal.events("three");
            assertThat(events).anyMatch(e -> e instanceof RunResumed);
            assertThat(events).anyMatch(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST);
        }
    }

    @Test
    void runWithServeGivesItsRunTheApi() throws Exception {
        Path state = dir.resolve("state");
        Path plan = dir.resolve("four.yaml");
        Files.writeString(plan, "name: four\nrun:\n  slots: 1\nspecs:\n"
                + "  - {id: a, command: sleep 1, estimate: 1s, writes: [a]}\n"
                + "  - {id: b, command: sleep 1, estimate: 1s, writes: [b]}\n"
                + "  - {id: c, command: sleep 1, estimate: 1s, writes: [c]}\n"
                + "  - {id: d, command: sleep 1, estimate: 1s, writes: [d]}\n");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", plan.toString(), "--run-id", "four", "--serve", "0", "--view", "lines",
                "--state-dir", state.toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("api on ")) {
                line = out.readLine();
            }
            assertThat(line).as("run --serve announces its API").isNotNull();
            String url = line.substring("api on ".length(), line.indexOf(" (token"));
            Cli resized = ctl("--server", url, "resize", "four", "3");
            assertThat(resized.exitCode()).as(resized.err()).isZero();
            List<String> rest = out.lines().toList(); // until the run's process ends
            assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(String.join("\n", rest)).isZero();
        } finally {
            run.destroyForcibly();
        }
        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(state))) {
            assertThat(journal.events("four")).filteredOn(e -> e instanceof io.slotflow.event.SlotsResized)
                    .singleElement().matches(e -> ((io.slotflow.event.SlotsResized) e).to() == 3
                            && ((io.slotflow.event.SlotsResized) e).by().endsWith("(slotflow ctl)"));
        }
    }

    @Test
    void ctlWithoutAServerOrWithAWrongTokenSaysSoInOneLine() throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve("api-token"), "0123456789abcdef0123456789abcdef");
        Cli unreachable = ctl("--server", "http://127.0.0.1:1", "runs");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.JOURNAL);
        assertThat(unreachable.err().strip()).isEqualTo(
                "slotflow: cannot reach the engine at http://127.0.0.1:1: is slotflow serve running?");
    }
}
