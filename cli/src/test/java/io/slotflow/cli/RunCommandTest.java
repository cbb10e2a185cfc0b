package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    private static final String HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private String state() {
        return dir.resolve("state").toString();
    }

    @Test
    void runsHelloWithRealProcessesAndSummarizesFromTheJournal() {
        Cli cli = Cli.run("run", HELLO, "--run-id", "hello-1", "--state-dir", state());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("run hello-1: SUCCEEDED — 4 of 4 nodes succeeded, 0 failed, 0 blocked")
                .contains("peak concurrency 2").contains("implementation waiting behind reviews: 0.0s")
                .contains("guarantees: 0 quota violations, 0 footprint violations, 0 broken in all")
                .contains("logs:    " + dir.resolve("state/runs/hello-1/logs"));
        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(dir.resolve("state")))) {
            List<RunEvent> events = journal.events("hello-1");
            assertThat(events).filteredOn(e -> e instanceof NodeDispatched).hasSize(4);
            assertThat(new Verifier().check(events)).isEmpty();
        }
    }

    @Test
    void withoutATerminalItPrintsTimestampedLines() {
        Cli cli = Cli.run("run", HELLO, "--run-id", "lines", "--state-dir", state(), "--view", "lines");
        assertThat(cli.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d start +greet:0 .*"))).hasSize(1);
        assertThat(cli.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d succeeded report:publish after .*")))
                .hasSize(1);
        assertThat(cli.out()).doesNotContain("\033[");
    }

    @Test
    void anInvalidPlanExitsTwoWithOneLinePerProblemAndWritesNothing() throws Exception {
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, """
                run: {slots: 0}
                specs:
                  - id: a
                    depends-on: [b]
                    command: make
                """);
        Cli cli = Cli.run("run", plan.toString(), "--state-dir", state());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(
                plan + ":1:14: run: 'slots' must be between 1 and 10000, got 0",
                plan + ":4:18: spec a: unknown dependency 'b' (a spec)",
                "slotflow: the plan has 2 problems; nothing was run");
        assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void anUnusableJournalExitsThree() {
        Cli cli = Cli.run("run", HELLO, "--state-dir", "/proc/no-such-dir/state");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err().strip()).startsWith("slotflow: cannot create the state directory /proc/no-such-dir/state")
                .doesNotContain("\n");
    }

    @Test
    void anUnreachableDatabaseExitsThreeAndNeverShowsThePassword() {
        Cli cli = Cli.run("run", HELLO, "--state-dir", state(),
                "--journal", "jdbc:postgresql://127.0.0.1:1/slotflow?user=flow&password=hunter2");
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).startsWith("slotflow: cannot use the journal at jdbc:postgresql://127.0.0.1:1/slotflow")
                .contains("password=***").doesNotContain("hunter2");
        assertThat(cli.out()).doesNotContain("hunter2");
    }

    @Test
    void usageMistakesExitTwo() {
        assertThat(Cli.run("run").exitCode()).isEqualTo(2);
        assertThat(Cli.run("run", HELLO, "--max", "many").exitCode()).isEqualTo(2);
        Cli badId = Cli.run("run", HELLO, "--run-id", "../up", "--state-dir", state());
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).startsWith("slotflow: run id '../up' is not safe as a file name");
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void aBadClusterAddressIsAUsageMistakeInOneLine() {
        Cli run = Cli.run("run", HELLO, "--cluster", "nonsense", "--state-dir", state());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("slotflow: --cluster: expected HOST:PORT, got 'nonsense'\n");
        Cli node = Cli.run("node", "--host", "127.0.0.1", "--port", "99999", "--seed-nodes", "127.0.0.1:2551",
                "--state-dir", state());
        assertThat(node.exitCode()).isEqualTo(2);
        assertThat(node.err()).isEqualTo("slotflow: --port: 99999 is not a port number (1 to 65535)\n");
    }

    @Test
    void resumingWithAnotherPlanIsRefused() throws Exception {
        assertThat(Cli.run("run", HELLO, "--run-id", "same", "--state-dir", state()).exitCode()).isZero();
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "specs: [{id: x, command: 'true'}]\n");
        Cli cli = Cli.run("run", other.toString(), "--run-id", "same", "--state-dir", state());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo(
                "slotflow: run same in this journal was started from a different plan; give this plan another run id");
    }

    @Test
    void maxChangesTheSlotsAndTheQuotasFollow() {
        Cli cli = Cli.run("run", HELLO, "--run-id", "one-slot", "--state-dir", state(), "--max", "1");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("K = 1, peak concurrency 1");
    }

    @Test
    void theEngineLogsToAFileInTheStateDirectoryAndNothingToTheTerminal() throws Exception {
        Cli cli = Cli.run("run", HELLO, "--run-id", "logged", "--state-dir", state(), "--view", "lines");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        Path log = dir.resolve("state/slotflow.log");
        assertThat(cli.out()).contains("  engine log: " + log);
        assertThat(java.nio.file.Files.getPosixFilePermissions(log))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anyMatch(l -> l.matches(".* INFO  io.slotflow.run run=logged node=- attempt=- run started: plan hello, .*"));
        assertThat(lines).anyMatch(l -> l.matches(".* INFO  io.slotflow.run run=logged node=greet:0 attempt=1 dispatched to slot .*"));
        assertThat(lines).anyMatch(l -> l.matches(".* INFO  io.slotflow.run run=logged node=greet:0 attempt=1 session ended SUCCEEDED.*"));
        assertThat(lines).anyMatch(l -> l.endsWith(" run=logged node=- attempt=- run completed"));
    }

    @Test
    void theLiveViewSaysTheEngineIsStartingBeforeAnythingElse() {
        Cli cli = Cli.run("run", HELLO, "--run-id", "live-1", "--state-dir", state(), "--view", "live");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("starting the engine…\n");
    }
}
