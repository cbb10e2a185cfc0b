package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunRetried;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrying the failed work of a finished run through the real engine, with real processes and journal. */
class RetryTest {

    @TempDir
    Path dir;

    @Test
    void aRetryRunsOnlyTheFailedAndBlockedWorkAndTellsItHowTheLastAttemptEnded() throws Exception {
        Path state = dir.resolve("state");
        Plan plan = PlanParser.parse("""
                name: flaky
                run: {slots: 2}
                classes:
                  implementation: {max-attempts: 1}
                specs:
                  - id: steady
                    command: echo ran >> steady.count
                    writes: [steady]
                  - id: flaky
                    command: >-
                      if [ -f fixed ]; then env | grep '^SLOTFLOW_PREVIOUS' | sort > previous.env;
                      else echo 'broken at step 3'; exit 3; fi
                    writes: [flaky]
                  - id: after
                    depends-on: [flaky]
                    command: echo ran >> after.count
                    writes: [after]
                """, "flaky.yaml");
        RunOptions options = new RunOptions("flaky-1", dir);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            RunResult first = engine.run(plan, options).result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(first.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThatThrownBy(() -> engine.retry(plan, new RunOptions("no-such-run", dir)))
                    .isInstanceOf(RetryRefusedException.class).hasMessageContaining("no run no-such-run");
        }
        Files.writeString(dir.resolve("fixed"), "");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            RunResult retried = engine.retry(plan, options).result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(retried.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);

            assertThat(Files.readAllLines(dir.resolve("steady.count"))).as("what succeeded stays done").hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("after.count"))).as("the blocked spec ran").hasSize(1);
            List<String> previous = Files.readAllLines(dir.resolve("previous.env"));
            Path log = state.resolve("runs/flaky-1/logs/flaky:0.attempt-1.out").toAbsolutePath();
            assertThat(previous).contains("SLOTFLOW_PREVIOUS_OUTCOME=FAILED", "SLOTFLOW_PREVIOUS_ATTEMPT=1",
                    "SLOTFLOW_PREVIOUS_LOG=" + log);
            assertThat(Files.readString(log)).isEqualTo("broken at step 3\n");

            List<RunEvent> journal = engine.journal().events("flaky-1");
            assertThat(journal).filteredOn(RunRetried.class::isInstance)
                    .containsExactly(journal.stream().filter(RunRetried.class::isInstance).findFirst().orElseThrow())
                    .first().extracting(e -> ((RunRetried) e).nodes()).isEqualTo(List.of("flaky:0", "after:0"));
            assertThat(journal).filteredOn(NodesReopened.class::isInstance).hasSize(2);
            assertThat(new Verifier().check(journal)).isEmpty();

            assertThatThrownBy(() -> engine.retry(plan, options)).isInstanceOf(RetryRefusedException.class)
                    .hasMessageContaining("no failed, timed-out or blocked group");
        }
    }

    @Test
    void aRetryWaitsOutItsClassBackoffBeforeItStarts() throws Exception {
        Plan plan = PlanParser.parse("""
                name: backoff
                run: {slots: 1}
                classes:
                  implementation: {max-attempts: 2, retry-backoff: 2s, retry-backoff-jitter: 0}
                specs:
                  - id: limited
                    command: >-
                      if [ "$SLOTFLOW_ATTEMPT" = 1 ]; then echo 'rate limited'; exit 1;
                      else echo "$SLOTFLOW_PREVIOUS_OUTCOME" > previous.outcome; fi
                """, "backoff.yaml");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir.resolve("state")), new ProcessRunner())) {
            RunResult result = engine.run(plan, new RunOptions("backoff-1", dir)).result().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("backoff-1");
            io.slotflow.event.SessionFinished failed = journal.stream()
                    .filter(io.slotflow.event.SessionFinished.class::isInstance)
                    .map(io.slotflow.event.SessionFinished.class::cast).findFirst().orElseThrow();
            io.slotflow.event.NodeReady retry = journal.stream().filter(io.slotflow.event.NodeReady.class::isInstance)
                    .map(io.slotflow.event.NodeReady.class::cast).filter(r -> r.attempt() == 2).findFirst().orElseThrow();
            io.slotflow.event.NodeDispatched second = journal.stream()
                    .filter(io.slotflow.event.NodeDispatched.class::isInstance)
                    .map(io.slotflow.event.NodeDispatched.class::cast).filter(d -> d.attempt() == 2).findFirst()
                    .orElseThrow();
            assertThat(retry.notBefore()).isEqualTo(retry.at().plusSeconds(2));
            assertThat(second.at()).as("the retry started after its wait").isAfterOrEqualTo(retry.notBefore());
            assertThat(java.time.Duration.between(failed.at(), second.at())).isGreaterThanOrEqualTo(
                    java.time.Duration.ofSeconds(2));
            assertThat(Files.readString(dir.resolve("previous.outcome"))).isEqualTo("FAILED\n");
            assertThat(new Verifier().check(journal)).isEmpty();
        }
    }
}
