package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.PlanAccepted;
import io.slotflow.persistence.EngineProcess;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one run: while {@code slotflow run PLAN --run-id dup} runs in another process, the
 * same command is refused at once (exit 6, one line naming the process and host) and writes nothing;
 * {@code status} tells the live engine from a dead one; once the first engine is killed, the same
 * command takes the run over at once and completes it.
 */
class RunLeaseTest {

    private static final Pattern FOR = Pattern.compile("attempt 1, for (?:(\\d+)m(\\d\\d)s|(\\d+\\.\\d)s)");

    @TempDir
    Path dir;

    @Test
    void aSecondEngineIsRefusedAndASuccessorTakesOverWhenTheFirstIsGone() throws Exception {
        Path plan = dir.resolve("dup.yaml");
        // the first attempts would take ten minutes; the resumed ones end at once
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: 'if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then sleep 600; fi', writes: [a]}
                  - {id: b, command: 'if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then sleep 600; fi', writes: [b]}
                  - {id: c, depends-on: [a, b], command: 'true'}
                """);
        String state = dir.resolve("state").toString();
        String host = EngineProcess.localHost();
        try (ChildRun first = ChildRun.start("run", plan.toString(), "--run-id", "dup", "--state-dir", state,
                "--view", "lines")) {
            assertThat(first.awaitStarts(2)).as(first.output()).isTrue();

            Cli second = Cli.run("run", plan.toString(), "--run-id", "dup", "--state-dir", state, "--view", "lines");
            assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(6);
            assertThat(second.err()).startsWith("slotflow: run dup is being run by process " + first.pid()
                    + " on host " + host + " since ");
            assertThat(second.err().strip().lines()).hasSize(1);

            // the live engine's sessions run until now: two looks, with no event between them, differ
            Cli look = Cli.run("status", "--run-id", "dup", "--state-dir", state);
            assertThat(look.out()).contains("run dup: running — engine process " + first.pid() + " on host " + host);
            // a status read takes well under the tenth of a second it shows: look again until one has passed
            await().atMost(Duration.ofSeconds(30)).until(() -> runningFor(
                    Cli.run("status", "--run-id", "dup", "--state-dir", state).out()) > runningFor(look.out()));

            first.kill();
        }
        awaitNoSessionOf("dup");
        Cli dead = Cli.run("status", "--run-id", "dup", "--state-dir", state);
        assertThat(dead.out()).contains("run dup: engine not running since ")
                .contains("running when the engine stopped (2 of 2 slots)");

        Cli successor = Cli.run("run", plan.toString(), "--run-id", "dup", "--state-dir", state, "--view", "lines");
        assertThat(successor.exitCode()).as(successor.out() + successor.err()).isZero();
        assertThat(successor.out()).contains("run dup: SUCCEEDED — 3 of 3 nodes succeeded");

        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(Path.of(state)))) {
            List<RunEvent> events = journal.events("dup");
            assertThat(events).filteredOn(e -> e instanceof PlanAccepted).hasSize(1);
            assertThat(events).filteredOn(e -> e instanceof RunResumed).as("only the successor resumed").hasSize(1);
            assertThat(new Verifier().check(events)).isEmpty();
        }
    }

    private static double runningFor(String status) {
        Matcher m = FOR.matcher(status);
        assertThat(m.find()).as(status).isTrue();
        return m.group(3) != null ? Double.parseDouble(m.group(3))
                : Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    }

    /** The killed engine's watchdog stops its sessions; wait for that before resuming. */
    private static void awaitNoSessionOf(String runId) {
        byte[] marker = ("SLOTFLOW_RUN=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try {
                        if (new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.ISO_8859_1)
                                .contains(new String(marker, StandardCharsets.ISO_8859_1))) {
                            return false;
                        }
                    } catch (java.io.IOException gone) {
                        // the process ended, or is not ours to read
                    }
                }
            }
            return true;
        });
    }
}
