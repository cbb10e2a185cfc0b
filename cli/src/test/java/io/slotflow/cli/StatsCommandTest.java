package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.JournalWriter;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slotflow stats} in words: the run's phase as {@code runs} says it, outcomes, and time with and without the engine down. */
class StatsCommandTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 2}
            specs:
              - {id: a, command: 'true', estimate: 20s, writes: [a]}
              - {id: b, command: 'true', estimate: 20s, writes: [b]}
            """, "two.yaml");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    static Path dir;

    private static String state;

    @BeforeAll
    static void forgeJournals() throws Exception {
        state = dir.resolve("state").toString();
        List<RunEvent> resumed = new ArrayList<>(begin("resumed"));
        resumed.add(new SessionFinished("a:0", 1, 0, SessionOutcome.SUCCEEDED, 0, "", at(10)));
        resumed.add(new NodeSucceeded("a:0", 1, false, at(10)));
        // the engine dies at 10 s with b:0 running, and is started again ten minutes later
        resumed.add(new RunResumed(at(610)));
        resumed.add(new SessionFinished("b:0", 1, 1, SessionOutcome.LOST, null, "the engine stopped", at(610)));
        resumed.add(new NodeReady("b:0", 2, 0, at(610)));
        resumed.add(dispatch("b:0", 2, 1, 611));
        resumed.add(new SessionFinished("b:0", 2, 1, SessionOutcome.FAILED, 1, "exit 1", at(631)));
        resumed.add(new NodeFailed("b:0", 2, SessionOutcome.FAILED, "exit 1", at(631)));
        resumed.add(new RunCompleted(at(631)));
        JournalSettings settings = JournalSettings.embedded(Path.of(state));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "forger", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalWriter.write(system, PersistenceIds.slotManager("resumed"), "resumed", resumed);
            // still running: two sessions started 1.7 s into a run whose lower bound is 20 s
            JournalWriter.write(system, PersistenceIds.slotManager("live"), "live", begin("live"));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    private static List<RunEvent> begin(String runId) {
        return List.of(new PlanAccepted(runId, PLAN, "", at(0)),
                new NodeReady("a:0", 1, 0, at(0)), new NodeReady("b:0", 1, 0, at(0)),
                dispatch("a:0", 1, 0, 1), dispatch("b:0", 1, 1, 1));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static NodeDispatched dispatch(String node, int attempt, int slot, long second) {
        return new NodeDispatched(node, attempt, slot, "implementation", Footprint.of(List.of(), List.of(node)),
                at(second), Map.of(), at(second), NodeDispatched.LOCAL);
    }

    @Test
    void aResumedRunWithAFailureShowsActiveAndWallTimeApartAndOutcomesInWords() {
        Cli cli = Cli.run("stats", "--run-id", "resumed", "--state-dir", state);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("run resumed: completed with failures — 1 of 2 nodes succeeded, 1 failed, 0 blocked\n")
                .contains("  makespan 31.0s, lower bound 20.0s (1.55×)\n")
                .contains("  wall time 10m31s: the engine was down 10m00s before 1 resume")
                // a:0 9 s, b:0 9 s before the engine died and 20 s after: 38 s over 2 × 31 s
                .contains("slot utilization 61%")
                .contains("  sessions 3: 1 succeeded, 1 failed, 1 lost; NOOP rate 0%")
                .contains("      0%  implementation 18.0s\n     10%  idle\n")
                .contains("     90%  implementation 20.0s\n")
                .doesNotContain("{").doesNotContain("SUCCEEDED=").doesNotContain("[");
    }

    @Test
    void aRunNotCompletedHasNoRatioYet() {
        Cli cli = Cli.run("stats", "--run-id", "live", "--state-dir", state);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("run live: running or stopped — 0 of 2 nodes succeeded")
                .contains("  active 1.0s so far, lower bound 20.0s (no ratio before the run completes)")
                .doesNotContain("×").contains("sessions 0: none ended");
    }
}
