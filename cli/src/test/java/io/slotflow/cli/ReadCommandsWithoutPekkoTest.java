package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.persistence.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read commands read the journal's tables themselves: each, in a JVM of its own, answers from
 * an H2 and a PostgreSQL journal written by a real run without ever creating an actor system (the
 * JVM's class-loading log would name Pekko's ActorSystemImpl if one were started).
 */
class ReadCommandsWithoutPekkoTest {

    private static final String HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath().toString();
    private static final String ACTOR_SYSTEM = "org.apache.pekko.actor.ActorSystemImpl ";

    @TempDir
    Path dir;

    @Test
    void readCommandsOnAnH2JournalStartNoActorSystem() throws Exception {
        String state = dir.resolve("state").toString();
        assertThat(Cli.run("run", HELLO, "--run-id", "h1", "--state-dir", state, "--view", "lines").exitCode()).isZero();
        List<String> journal = List.of("--state-dir", state);

        assertThat(read(journal, "runs")).containsPattern("h1\\s+hello\\s+.*completed\\s+4/4 succeeded, 0 failed");
        assertThat(read(journal, "status", "--run-id", "h1")).contains("run h1: completed, all succeeded");
        assertThat(read(journal, "replay", "--run-id", "h1")).contains("plan accepted: hello").contains("run completed");
        assertThat(read(journal, "stats", "--run-id", "h1", "--json")).contains("\"runId\"");
        assertThat(read(journal, "verify", "--run-id", "h1")).startsWith("run h1: every guarantee held");
        assertThat(read(journal, "timeline", "--run-id", "h1", "--csv", "-")).contains("greet");
    }

    @Test
    void readCommandsOnAPostgresJournalStartNoActorSystem() throws Exception {
        String url = TestPostgres.settings().url();
        String runId = "pg-read-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Cli.run("run", HELLO, "--run-id", runId, "--journal", url, "--state-dir", dir.toString(),
                "--view", "lines").exitCode()).isZero();
        List<String> journal = List.of("--journal", url);

        assertThat(read(journal, "runs")).containsPattern(runId + "\\s+hello\\s+.*completed\\s+4/4 succeeded, 0 failed");
        assertThat(read(journal, "status", "--run-id", runId)).contains("run " + runId + ": completed, all succeeded");
        assertThat(read(journal, "replay", "--run-id", runId)).contains("plan accepted: hello").contains("run completed");
    }

    /** The command's standard output; fails if it did not exit 0 or loaded an actor system. */
    private String read(List<String> journal, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:class+load=info:stderr",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        args.addAll(List.of(command));
        args.addAll(journal);
        Path printed = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(args).redirectOutput(printed.toFile()).start();
        // the class-loading log is long: read it while it is written
        String loaded = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(printed);
        assertThat(process.exitValue()).as(String.join(" ", command) + " printed " + out).isZero();
        assertThat(loaded).as(String.join(" ", command) + " loaded an actor system").doesNotContain(ACTOR_SYSTEM)
                .contains("io.slotflow.persistence.JournalReader ");
        return out;
    }
}
