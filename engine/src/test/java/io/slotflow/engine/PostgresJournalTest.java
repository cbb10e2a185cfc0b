package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.plan.PlanParser;
import io.slotflow.replay.Replay;
import io.slotflow.state.RunState;
import io.slotflow.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real PostgreSQL server: schema, run, resume after kill -9, replay. */
class PostgresJournalTest {

    private static final Path FLOOD = Path.of("../docs/examples/review-flood.yaml");

    @TempDir
    Path dir;

    private static String freshRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPlanRunsAndReplaysOnPostgres() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        String runId = freshRunId("pg-run");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir).withJournal(pg), TestRunners.scaled(0.02))) {
            RunResult result = engine.run(PlanParser.parse(FLOOD), new RunOptions(runId, dir)).result()
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
        }
        // the schema is already there: starting again creates nothing and breaks nothing
        try (Replay replay = Replay.open(pg)) {
            List<RunEvent> events = replay.events(runId);
            assertThat(new Verifier().check(events)).isEmpty();
            RunState state = replay.state(runId);
            assertThat(state.isCompleted()).isTrue();
            assertThat(replay.runs()).extracting(Replay.RunInfo::runId).contains(runId);
        }
    }

    @Test
    void aRunKilledWithKillMinus9ResumesOnPostgres() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        String runId = freshRunId("pg-crash");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(), dir.toString(), runId,
                FLOOD.toString(), "0.05", pg.url()).redirectErrorStream(true);
        Process process = child.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            int succeeded = 0;
            String line;
            while (succeeded < 10 && (line = out.readLine()) != null) {
                succeeded += line.startsWith("succeeded ") ? 1 : 0;
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(succeeded).isEqualTo(10);
        }
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir).withJournal(pg), TestRunners.scaled(0.05))) {
            RunResult result = engine.run(PlanParser.parse(FLOOD), new RunOptions(runId, dir)).result()
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events(runId);
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(journal).filteredOn(e -> e instanceof RunResumed).hasSize(1);
            assertThat(journal).filteredOn(e -> e instanceof NodeSucceeded).hasSize(62);
            // what ran when the engine was killed is recorded LOST once the run resumed (the kill may
            // also land between sessions on a loaded machine: then nothing was in flight)
            int resumedAt = journal.indexOf(journal.stream().filter(e -> e instanceof RunResumed).findFirst().orElseThrow());
            Set<Map.Entry<String, Integer>> inFlight = new HashSet<>();
            for (RunEvent event : journal.subList(0, resumedAt)) {
                if (event instanceof NodeDispatched d) {
                    inFlight.add(Map.entry(d.node(), d.attempt()));
                } else if (event instanceof SessionFinished f) {
                    inFlight.remove(Map.entry(f.node(), f.attempt()));
                }
            }
            assertThat(journal.subList(resumedAt, journal.size())).filteredOn(e -> e instanceof SessionFinished f
                    && f.outcome() == SessionOutcome.LOST).extracting(e -> Map.entry(((SessionFinished) e).node(),
                    ((SessionFinished) e).attempt())).containsExactlyInAnyOrderElementsOf(inFlight);
        }
        try (JournalReader reader = JournalReader.open(pg)) {
            assertThat(reader.replay(runId).isCompleted()).isTrue();
        }
    }
}
