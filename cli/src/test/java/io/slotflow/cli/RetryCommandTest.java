package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slotflow retry RUN}: the failed work of a finished run, again, within the same run. */
class RetryCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFailedRunPrintsItsRetryCommandAndTheRetryRunsOnlyWhatFailed() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path plan = work.resolve("plan.yaml");
        Files.writeString(plan, """
                name: flaky
                run: {slots: 1}
                classes:
                  implementation: {max-attempts: 1}
                specs:
                  - id: steady
                    command: echo ran >> steady.count
                  - id: flaky
                    depends-on: [steady]
                    command: "test -f fixed || { echo not yet; exit 4; }"
                """);
        String state = dir.resolve("state").toString();
        Cli first = Cli.run("run", plan.toString(), "--run-id", "f1", "--state-dir", state, "--view", "lines");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.FAILED);
        String retry = "slotflow retry f1 --plan-dir " + work.toAbsolutePath() + " --state-dir " + state;
        assertThat(first.out().lines()).contains("  retry:   " + retry);

        Files.writeString(work.resolve("fixed"), "");
        Cli retried = Cli.run("retry", "f1", "--plan-dir", work.toString(), "--state-dir", state, "--view", "lines");
        assertThat(retried.exitCode()).as(retried.out() + retried.err()).isZero();
        assertThat(retried.out()).contains("run f1: SUCCEEDED — 2 of 2 nodes succeeded, 0 failed, 0 blocked");
        assertThat(Files.readAllLines(work.resolve("steady.count"))).hasSize(1);

        Cli again = Cli.run("retry", "f1", "--plan-dir", work.toString(), "--state-dir", state);
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(again.err().strip()).isEqualTo("slotflow: run f1 has no failed, timed-out or blocked group to retry");
    }

    @Test
    void aRunNotInTheJournalIsNamedAndNothingIsCreated() {
        Path state = dir.resolve("nowhere");
        Cli cli = Cli.run("retry", "ghost", "--state-dir", state.toString());
        assertThat(cli.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(cli.err()).contains("no journal at");
        assertThat(Files.exists(state)).isFalse();
    }
}
