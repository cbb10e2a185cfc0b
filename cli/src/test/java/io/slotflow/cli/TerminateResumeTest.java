package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a running slotflow (systemd, Docker, a CI cancel): no new sessions, the running ones
 * may finish within the stop grace, those still running after it are cancelled; the stop is
 * journaled, the summary printed, exit 143; the same run id resumes with nothing LOST.
 */
class TerminateResumeTest {

    @TempDir
    Path dir;

    private Path plan;
    private String state;
    private final List<String> output = new ArrayList<>();

    private Process start(String runId, String stopGrace) throws Exception {
        plan = dir.resolve("plan.yaml");
        // a: its first attempt outlives any grace; b: ends once the test lets it; c: after b
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: 'if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then sleep 120; fi', writes: [a]}
                  - {id: b, command: 'for i in $(seq 1200); do [ -f %s ] && exit 0; sleep 0.1; done; exit 1', writes: [b]}
                  - {id: c, depends-on: [b], command: 'true'}
                """.formatted(dir.resolve("go")));
        state = dir.resolve("state").toString();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", plan.toString(), "--run-id", runId, "--state-dir", state, "--view", "lines",
                "--stop-grace", stopGrace)
                .redirectErrorStream(true).start();
    }

    private static void signal(Process child, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start().waitFor();
    }

    /** Reads lines until one matches, keeping them all. */
    private void readUntil(BufferedReader out, Predicate<String> wanted) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            output.add(line);
            if (wanted.test(line)) {
                return;
            }
        }
        throw new AssertionError("the output ended before the line looked for:\n" + String.join("\n", output));
    }

    private void readBothStarts(BufferedReader out) throws Exception {
        readUntil(out, l -> l.matches("\\d\\d:\\d\\d:\\d\\d start +a:0 .*"));
        if (output.stream().noneMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d start +b:0 .*"))) {
            readUntil(out, l -> l.matches("\\d\\d:\\d\\d:\\d\\d start +b:0 .*"));
        }
    }

    private int awaitExit(Process child, BufferedReader out) throws Exception {
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
        out.lines().forEach(output::add);
        return child.exitValue();
    }

    @Test
    void sigtermLetsRunningSessionsFinishWithinTheGraceThenCancelsTheRest() throws Exception {
        Process child = start("term", "15s");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            readBothStarts(out);
            signal(child, "TERM");
            readUntil(out, l -> l.matches("\\d\\d:\\d\\d:\\d\\d interrupting: stopped by SIGTERM.*"));
            Files.createFile(dir.resolve("go")); // b may end now: after the stop was journaled
            assertThat(awaitExit(child, out)).as(String.join("\n", output)).isEqualTo(143);
        }
        assertThat(output).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d succeeded b:0 after .*"));
        assertThat(output).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cancelled a:0 after .*"));
        assertThat(output).noneMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d start +c:0 .*"));
        assertThat(output).anyMatch(l -> l.startsWith("run term: INTERRUPTED — 1 of 3 nodes succeeded"));
        assertThat(output).anyMatch(l -> l.startsWith("  resume:  slotflow run " + plan + " --run-id term"));

        Cli resumed = Cli.run("run", plan.toString(), "--run-id", "term", "--state-dir", state, "--view", "lines");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("run term: SUCCEEDED — 3 of 3 nodes succeeded");
        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(Path.of(state)))) {
            List<RunEvent> events = journal.events("term");
            List<RunEvent> beforeResume = events.subList(0, events.indexOf(events.stream()
                    .filter(e -> e instanceof RunResumed).findFirst().orElseThrow()));
            assertThat(beforeResume).filteredOn(e -> e instanceof RunInterrupted).hasSize(1);
            assertThat(beforeResume).noneMatch(e -> e instanceof NodeDispatched d && d.node().equals("c:0"));
            assertThat(events).filteredOn(e -> e instanceof SessionFinished f && f.node().equals("b:0"))
                    .extracting(e -> ((SessionFinished) e).outcome()).containsExactly(SessionOutcome.SUCCEEDED);
            assertThat(events).filteredOn(e -> e instanceof SessionFinished f && f.node().equals("a:0"))
                    .extracting(e -> ((SessionFinished) e).outcome())
                    .containsExactly(SessionOutcome.CANCELLED, SessionOutcome.SUCCEEDED);
            assertThat(events).noneMatch(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST);
            assertThat(new Verifier().check(events)).isEmpty();
        }
    }

    @Test
    void aSecondSignalCancelsAtOnceWithoutWaitingForTheGrace() throws Exception {
        Process child = start("twice", "10m");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            readBothStarts(out);
            signal(child, "TERM");
            readUntil(out, l -> l.matches("\\d\\d:\\d\\d:\\d\\d interrupting: stopped by SIGTERM.*"));
            signal(child, "TERM");
            // well under the ten minutes of grace
            assertThat(awaitExit(child, out)).as(String.join("\n", output)).isEqualTo(143);
        }
        assertThat(output).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cancelled a:0 after .*"));
        assertThat(output).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cancelled b:0 after .*"));
    }
}
