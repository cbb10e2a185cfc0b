package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's credentials, as a user gives them (the environment, the URL), never printed and
 * never passed to sessions; what a run leaves on disk is its owner's alone. In a child JVM: the
 * environment and the PostgreSQL driver's own logging are the process's.
 */
class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void sessionsNeverSeeTheJournalsCredentialsAndTheStateIsOwnerOnly() throws Exception {
        Path plan = dir.resolve("env.yaml");
        Files.writeString(plan, "specs: [{id: show, command: env}]\n");
        Path state = dir.resolve("state");
        Child run = Child.run(Map.of("SLOTFLOW_JOURNAL_USER", "flow-user", "SLOTFLOW_JOURNAL_PASSWORD", "hunter2"),
                "run", plan.toString(), "--run-id", "env", "--state-dir", state.toString(), "--view", "lines");
        assertThat(run.exitCode()).as(run.output()).isZero();
        Path logs = state.resolve("runs/env/logs");
        String printed = Files.readString(logs.resolve("show:0.attempt-1.out"));
        assertThat(printed).contains("SLOTFLOW_NODE=show:0").doesNotContain("hunter2").doesNotContain("flow-user");
        assertThat(permissions(state)).isEqualTo("rwx------");
        assertThat(permissions(state.resolve("journal.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(state.resolve("runs"))).isEqualTo("rwx------");
        assertThat(permissions(logs)).isEqualTo("rwx------");
        assertThat(permissions(logs.resolve("show:0.attempt-1.out"))).isEqualTo("rw-------");
        assertThat(permissions(logs.resolve("show:0.attempt-1.err"))).isEqualTo("rw-------");
    }

    @Test
    void aPasswordInTheUrlIsNeverPrintedWhateverItsForm() throws Exception {
        Path plan = Path.of("../docs/examples/hello.yaml").toAbsolutePath();
        for (String url : List.of("jdbc:postgresql://flow:hunter2@127.0.0.1:1/db",
                "jdbc:postgresql://127.0.0.1:1/db?user=flow&password=hunter2;tail")) {
            Child run = Child.run(Map.of(), "run", plan.toString(), "--state-dir", dir.resolve("s").toString(),
                    "--journal", url);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.output()).as(url).startsWith("slotflow: cannot use the journal at jdbc:postgresql://")
                    .contains("***").doesNotContain("hunter2").doesNotContain("tail");
            assertThat(run.output().lines()).as(run.output()).hasSize(1);
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** slotflow in a child JVM with extra environment variables; stdout and stderr together. */
    private record Child(int exitCode, String output) {
        static Child run(Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process child = builder.start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Child(child.exitValue(), output);
        }
    }
}
