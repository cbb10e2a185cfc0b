package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherCommandsTest {

    private static final String HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath().toString();
    private static final String FLOOD = Path.of("../docs/examples/review-flood-unguarded.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void validateSaysWhatAValidPlanHolds() {
        Cli cli = Cli.run("validate", HELLO);
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("valid — 3 specs, 4 groups, 0 review types, 0 barriers; K = 2, rolling");
    }

    @Test
    void dryRunPredictsTheOrderTheSlotsAndTheMakespan() {
        Cli cli = Cli.run("dry-run", FLOOD, "--width", "40");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("predicted dispatch order:")
                .containsPattern("\\s+1  at 0\\.0s\\s+slot 1\\s+91:0\\s+implementation")
                .contains("predicted makespan 34.8s, lower bound 32.8s (1.06×)");
        // the picture of the starvation: every slot held by reviews (r) at once
        assertThat(cli.out().lines().filter(l -> l.startsWith("  slot ")).filter(l -> l.contains("rrrr"))).hasSize(3);
    }

    @Test
    void statusReadsARunFromTheJournal() {
        String state = dir.resolve("state").toString();
        assertThat(Cli.run("run", HELLO, "--run-id", "s1", "--state-dir", state).exitCode()).isZero();
        Cli cli = Cli.run("status", "--state-dir", state);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("run s1: completed, all succeeded")
                .contains("running (0 of 2 slots):").contains("done: 4 succeeded").contains("failed: 0");
        assertThat(Cli.run("status", "--state-dir", state, "--run-id", "nope").err())
                .startsWith("slotflow: no run nope in the journal at ");
    }

    @Test
    void helpAndVersionWorkEverywhere() {
        for (String command : new String[] {"run", "dry-run", "validate", "status"}) {
            Cli help = Cli.run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: slotflow " + command);
        }
        assertThat(Cli.run("--version").out()).startsWith("slotflow 0.1.0-SNAPSHOT")
                .contains("\nsessions are contained by a ");
    }

    @Test
    void noCommandAndUsageMistakesPointAtTheRightHelp() {
        Cli none = Cli.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).endsWith("Try 'slotflow --help'.\n");
        Cli badOption = Cli.run("stats", "--no-such-option");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).endsWith("Try 'slotflow stats --help'.\n");
    }

    @Test
    void helpIsACommandToo() {
        Cli help = Cli.run("help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: slotflow").contains("run").contains("stats");
        Cli helpRun = Cli.run("help", "run");
        assertThat(helpRun.exitCode()).isZero();
        assertThat(helpRun.out()).startsWith("Usage: slotflow run");
    }

    @Test
    void journalPoolAppliesToTheDefaultJournal() {
        JournalOptions options = new JournalOptions();
        new picocli.CommandLine(options).parseArgs("--journal-pool", "9", "--state-dir", dir.toString());
        assertThat(options.settings().poolSize()).isEqualTo(9);
        assertThat(options.settings().url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath());
    }
}
