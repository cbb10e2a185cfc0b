package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash trials: {@code slotflow run} with real processes in a child JVM, killed with
 * {@code kill -9} at a random (seeded) moment, resumed, killed again, until the run completes; then
 * the verifier reads the journal: every node has exactly one final outcome, no guarantee broken, no
 * node that succeeded ran again. The number of trials comes from {@code -Dslotflow.crashTrials.h2}
 * (default 12) and {@code -Dslotflow.crashTrials.postgres} (default 4); {@code -Dslotflow.crashTrials.seed}
 * picks the seed (docs/reliability.md). The scale trials are {@link ScaleTrialsTest}.
 */
class CrashTrialsTest {

    private static final Path PLAN = Path.of("src/test/resources/crash-trial.yaml").toAbsolutePath();
    private static final long SEED = Long.getLong("slotflow.crashTrials.seed", 20261124L);
    private static final int MAX_KILLS = 2;

    @TempDir
    Path dir;

    private final KilledEngine engine = new KilledEngine();

    @Test
    void crashTrialsOnH2() throws Exception {
        int trials = Integer.getInteger("slotflow.crashTrials.h2", 12);
        for (int trial = 0; trial < trials; trial++) {
            Path state = dir.resolve("h2-" + trial);
            trial(randomFor(SEED + trial), "trial-" + trial, List.of("--state-dir", state.toString()),
                    JournalSettings.embedded(state), "h2 trial " + trial + " (seed " + (SEED + trial) + ")");
        }
    }

    @Test
    void crashTrialsOnPostgres() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        int trials = Integer.getInteger("slotflow.crashTrials.postgres", 4);
        for (int trial = 0; trial < trials; trial++) {
            String runId = "pg-trial-" + trial + "-" + UUID.randomUUID().toString().substring(0, 6);
            trial(randomFor(SEED + 1000 + trial), runId, List.of("--state-dir", dir.resolve("pg").toString(),
                    "--journal", pg.url()), pg, "postgres trial " + trial + " (seed " + (SEED + 1000 + trial) + ")");
        }
    }

    /**
     * A trial's own random source. java.util.Random's first draws from consecutive seeds are nearly
     * the same, so every trial would be killed as often as its neighbours: mix the seed first.
     */
    private static Random randomFor(long seed) {
        return new Random(new java.util.SplittableRandom(seed).nextLong());
    }

    private void trial(Random random, String runId, List<String> journal, JournalSettings settings, String name)
            throws Exception {
        int kills = 1 + random.nextInt(MAX_KILLS);
        int killed = 0;
        while (killed < kills) {
            int afterStarts = 1 + random.nextInt(14);
            if (!engine.runAndKill(PLAN, runId, journal, afterStarts)) {
                break; // it completed before the moment came
            }
            killed++;
            KilledEngine.awaitNoSessionOf(runId);
        }
        List<String> args = new ArrayList<>(List.of("run", PLAN.toString(), "--run-id", runId, "--view", "lines"));
        args.addAll(journal);
        Cli last = Cli.run(args.toArray(String[]::new));
        assertThat(last.exitCode()).as(name + " after " + killed + " kills: " + last.err()).isZero();

        try (JournalReader reader = JournalReader.open(settings)) {
            List<RunEvent> events = reader.events(runId);
            assertThat(new Verifier().check(events)).as(name).isEmpty();
            assertThat(events.get(events.size() - 1)).as(name).isInstanceOf(RunCompleted.class);
            // one line per trial in the test's output, for docs/reliability.md
            System.out.printf("%s: killed %d time(s), %d events, verified%n", name, killed, events.size());
        }
    }
}
