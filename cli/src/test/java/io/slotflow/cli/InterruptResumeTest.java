package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) to a running slotflow: sessions cancelled, exit 130; the same run id resumes. */
class InterruptResumeTest {

    @TempDir
    Path dir;

    @Test
    void interruptThenResume() throws Exception {
        Path plan = dir.resolve("slow.yaml");
        // the first attempt of each session would take a minute; the resumed ones end at once
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: 'if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then sleep 60; fi', writes: [a]}
                  - {id: b, command: 'if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then sleep 60; fi', writes: [b]}
                  - {id: c, depends-on: [a, b], command: 'true'}
                """);
        String state = dir.resolve("state").toString();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", plan.toString(), "--run-id", "slow", "--state-dir", state, "--view", "lines")
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            int started = 0;
            String line;
            while (started < 2 && (line = out.readLine()) != null) {
                output.add(line);
                if (line.matches("\\d\\d:\\d\\d:\\d\\d start .*")) {
                    started++;
                }
            }
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
            out.lines().forEach(output::add);
        }
        assertThat(child.exitValue()).as(String.join("\n", output)).isEqualTo(130);
        assertThat(output).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d cancelled a:0 after .*"));
        assertThat(output).anyMatch(l -> l.startsWith("  resume:  slotflow run " + plan + " --run-id slow"));

        Cli resumed = Cli.run("run", plan.toString(), "--run-id", "slow", "--state-dir", state, "--view", "lines");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed").contains("run slow: SUCCEEDED — 3 of 3 nodes succeeded");

        try (JournalReader journal = JournalReader.open(JournalSettings.embedded(Path.of(state)))) {
            List<RunEvent> events = journal.events("slow");
            assertThat(events).filteredOn(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.CANCELLED)
                    .hasSize(2);
            assertThat(events).filteredOn(e -> e instanceof RunInterrupted).hasSize(1);
            assertThat(events).filteredOn(e -> e instanceof RunResumed).hasSize(1);
            assertThat(new Verifier().check(events)).isEmpty();
        }
    }
}
