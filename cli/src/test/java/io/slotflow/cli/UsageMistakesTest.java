package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the command line are usage errors (exit 2, one line) found before anything is
 * written; read commands never create a journal; nothing from a plan or a journal reaches the
 * terminal raw.
 */
class UsageMistakesTest {

    private static final String HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath().toString();
    private static final String UNSAFE = "[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}&&[^\\n]]";

    @TempDir
    Path dir;

    @Test
    void anUnsupportedJournalUrlIsAUsageError() {
        Path state = dir.resolve("state");
        Cli cli = Cli.run("run", HELLO, "--journal", "jdbc:mysql://localhost/slotflow", "--state-dir", state.toString());
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).isEqualTo("slotflow: --journal: unsupported journal URL (expected jdbc:h2:... or "
                + "jdbc:postgresql:...): jdbc:mysql://localhost/slotflow\n");
        assertThat(state).doesNotExist();
    }

    @Test
    void aPoolOfNoConnectionsIsAUsageError() {
        Cli cli = Cli.run("run", HELLO, "--journal", "jdbc:postgresql://127.0.0.1:1/none", "--journal-pool", "0");
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).isEqualTo("slotflow: --journal-pool: needs at least 1 connection, got 0\n");
        Cli runs = Cli.run("runs", "--journal-pool", "-1", "--state-dir", dir.toString());
        assertThat(runs.exitCode()).isEqualTo(ExitCode.INVALID);
    }

    @Test
    void anUnknownViewIsRefusedBeforeTheJournalIsCreated() {
        Path state = dir.resolve("state");
        Cli cli = Cli.run("run", HELLO, "--view", "bogus", "--state-dir", state.toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).isEqualTo("slotflow: --view: expected live, lines or auto, got 'bogus'\n");
        assertThat(state).doesNotExist();
    }

    @Test
    void readCommandsWhereNothingRanSaySoAndCreateNothing() {
        Path state = dir.resolve("mistyped");
        String[][] commands = {{"status"}, {"verify"}, {"runs"}, {"replay"}, {"stats"}, {"timeline", "--csv", "-"}};
        for (String[] command : commands) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--state-dir", state.toString())).toArray(String[]::new);
            Cli cli = Cli.run(args);
            assertThat(cli.exitCode()).as(command[0] + ": " + cli.err()).isEqualTo(ExitCode.INVALID);
            assertThat(cli.err()).as(command[0]).isEqualTo("slotflow: no journal at "
                    + state.toAbsolutePath().resolve("journal.mv.db") + " (nothing has run with --state-dir " + state + ")\n");
            assertThat(cli.out()).as(command[0]).isEmpty();
            assertThat(state).as(command[0] + " created nothing").doesNotExist();
        }
        Path h2 = dir.resolve("elsewhere/journal");
        Cli cli = Cli.run("status", "--journal", "jdbc:h2:file:" + h2);
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).startsWith("slotflow: no journal at " + h2 + ".mv.db");
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void aReadOnlyJournalIsStillRead() {
        Path state = dir.resolve("state");
        assertThat(Cli.run("run", HELLO, "--run-id", "r1", "--state-dir", state.toString(), "--view", "lines").exitCode())
                .isZero();
        // as an operator gets it from a read-only copy or mount (root may write any file, so the URL says it)
        String readOnly = "jdbc:h2:file:" + state.toAbsolutePath().resolve("journal") + ";ACCESS_MODE_DATA=r";
        for (String command : new String[] {"status", "runs", "verify", "stats"}) {
            Cli cli = Cli.run(command, "--journal", readOnly);
            assertThat(cli.exitCode()).as(command + ": " + cli.err()).isZero();
            assertThat(cli.out()).as(command).contains("r1");
        }
    }

    @Test
    void aPlanNamedWithTwoDotsRunsUnderARunIdMadeFromIt() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: my..plan
                specs:
                  - {id: a, command: "true"}
                """);
        Cli cli = Cli.run("run", plan.toString(), "--state-dir", dir.resolve("state").toString(), "--view", "lines");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("run my.plan-");
    }

    @Test
    void namesAndCategoriesFromAPlanReachTheTerminalEscaped() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: "hello\\e[2J"
                specs:
                  - {id: a, command: "true", category: "front\\e[31mend\\u202Egnp.exe"}
                """);
        String state = dir.resolve("state").toString();
        Cli run = Cli.run("run", plan.toString(), "--run-id", "r1", "--state-dir", state, "--view", "lines");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Cli stats = Cli.run("stats", "--state-dir", state);
        Cli status = Cli.run("status", "--state-dir", state);
        Cli runs = Cli.run("runs", "--state-dir", state);
        for (Cli cli : new Cli[] {run, stats, status, runs}) {
            assertThat(cli.out() + cli.err()).doesNotContainPattern(UNSAFE);
        }
        assertThat(stats.out()).contains("front\\u001B[31mend\\u202Egnp.exe");
        assertThat(status.out()).contains("plan hello\\u001B[2J");
    }
}
