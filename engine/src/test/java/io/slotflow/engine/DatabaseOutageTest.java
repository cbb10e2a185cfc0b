package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stopped in the middle of a run: the engine rides it out, or gives up cleanly. */
class DatabaseOutageTest {

    private static final Path FLOOD = Path.of("../docs/examples/review-flood.yaml");

    @TempDir
    Path dir;

    @AfterEach
    void serverBack() {
        if (System.getenv("SLOTFLOW_TEST_POSTGRES_URL") != null) {
            TestPostgres.start();
        }
    }

    @Test
    void sessionsKeepRunningWhileTheDatabaseIsGoneAndTheRunCarriesOnWhenItIsBack() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        String runId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger sessionsEnded = new AtomicInteger();
        // six 4-second sessions on three slots: the first three run through the outage
        String plan = """
                run: {slots: 3}
                specs:
                  - {id: a, command: x, estimate: 4s, writes: [a]}
                  - {id: b, command: x, estimate: 4s, writes: [b]}
                  - {id: c, command: x, estimate: 4s, writes: [c]}
                  - {id: d, command: x, estimate: 4s, writes: [d]}
                  - {id: e, command: x, estimate: 4s, writes: [e]}
                  - {id: f, command: x, estimate: 4s, writes: [f]}
                """;
        var runner = TestRunners.scaled(1.0);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir).withJournal(pg),
                request -> {
                    var handle = runner.start(request);
                    handle.result().thenRun(sessionsEnded::incrementAndGet);
                    return handle;
                })) {
            RunHandle run = engine.run(PlanParser.parse(plan, "six.yaml"), new RunOptions(runId, dir));
            await().atMost(Duration.ofSeconds(60)).until(() -> run.status().running().size() == 3);
            TestPostgres.stop();
            // the sessions go on and end while nothing can be written
            await().atMost(Duration.ofSeconds(60)).until(() -> sessionsEnded.get() == 3);
            assertThat(run.result().toCompletableFuture().isDone()).isFalse();
            TestPostgres.start();
            RunResult result = run.result().toCompletableFuture().get(180, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events(runId);
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(journal).filteredOn(e -> e instanceof NodeSucceeded).hasSize(6);
            assertThat(sessionsEnded.get()).as("each session ran once: nothing acknowledged was lost").isEqualTo(6);
        }
    }

    @Test
    void whenTheDatabaseDoesNotComeBackTheRunStopsCleanly() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        String runId = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir).withJournal(pg).withJournalRetries(2),
                TestRunners.scaled(0.5))) {
            RunHandle run = engine.run(PlanParser.parse(FLOOD), new RunOptions(runId, dir));
            await().atMost(Duration.ofSeconds(60)).until(() -> run.status().running().size() == 3);
            TestPostgres.stop();
            CompletableFuture<RunResult> result = run.result().toCompletableFuture();
            RunResult aborted = result.get(120, TimeUnit.SECONDS);
            assertThat(aborted.outcome()).isEqualTo(RunResult.Outcome.ABORTED);
            assertThat(aborted.reason()).startsWith("the journal stayed unavailable");
        }
    }
}
