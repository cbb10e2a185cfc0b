package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.RunState;
import io.slotflow.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale trials: plans of 5,000 and 20,000 real processes on K = 16, the engine killed with SIGKILL
 * part-way, resumed in a JVM of its own with a bounded heap, and verified. The 5,000 one runs in
 * {@code mvn -B verify} (minutes; {@code -DexcludedGroups=slow} leaves it out of a quick run); the
 * 20,000 one, about twenty minutes on 2 cores, only with {@code -Dslotflow.scaleTrials.large=true}
 * (docs/reliability.md). A class of its own, so that it runs beside the crash trials.
 */
@Tag("slow")
class ScaleTrialsTest {

    @TempDir
    Path dir;

    private final KilledEngine engine = new KilledEngine();

    /** Scale: 5,000 real processes on K = 16, killed with SIGKILL after 2,000 starts, resumed, verified. */
    @Test
    void aPlanOf5000RealProcessesIsKilledResumedAndVerified() throws Exception {
        scaleTrial(5_000, 2_000);
    }

    /** Scale: 20,000 real processes on K = 16, killed with SIGKILL after 10,000 starts, resumed, verified. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "slotflow.scaleTrials.large", matches = "true",
            disabledReason = "about half an hour on 2 cores: run it with -Dslotflow.scaleTrials.large=true")
    void aPlanOf20000RealProcessesIsKilledResumedAndVerified() throws Exception {
        scaleTrial(20_000, 10_000);
    }

    private void scaleTrial(int specs, int killAfterStarts) throws Exception {
        Path plan = dir.resolve("scale-" + specs + ".yaml");
        StringBuilder yaml = new StringBuilder("name: scale-" + specs + "\nrun: {slots: 16}\nspecs:\n");
        for (int i = 0; i < specs; i++) {
            yaml.append("  - {id: s").append(i).append(", command: 'true', reads: [shared]}\n");
        }
        Files.writeString(plan, yaml);
        Path state = dir.resolve("scale-" + specs);
        String runId = "scale-" + specs;
        List<String> journal = List.of("--state-dir", state.toString());
        assertThat(engine.runAndKill(plan, runId, journal, killAfterStarts)).as("killed before the end; it printed: %s",
                engine.lastOutput()).isTrue();
        KilledEngine.awaitNoSessionOf(runId);
        // the resume, too, in a JVM of its own with the bounded heap: memory must not grow with the nodes run
        List<String> resume = new ArrayList<>(KilledEngine.childJava());
        resume.addAll(List.of("run", plan.toString(), "--run-id", runId, "--view", "lines", "--state-dir", state.toString()));
        Process resumed = new ProcessBuilder(resume).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(resumed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(err).isZero();
        assertThat(err).doesNotContain("Exception");
        try (JournalReader reader = JournalReader.open(JournalSettings.embedded(state))) {
            List<RunEvent> events = reader.events(runId);
            assertThat(new Verifier().check(events)).isEmpty();
            assertThat(events.get(events.size() - 1)).isInstanceOf(RunCompleted.class);
            assertThat(RunState.fold(events).count(NodeLifecycle.State.SUCCEEDED)).isEqualTo(specs);
            System.out.printf("scale %d: killed after %d starts, resumed, %d events, verified%n", specs,
                    killAfterStarts, events.size());
        }
    }
}
