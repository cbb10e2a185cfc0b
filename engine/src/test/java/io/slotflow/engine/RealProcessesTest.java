package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with the process runner: real shells, real logs, real kills. */
class RealProcessesTest {

    @TempDir
    Path dir;

    @Test
    void theHelloExampleRunsWithRealProcesses() throws Exception {
        Path plan = Path.of("../docs/examples/hello.yaml").toAbsolutePath();
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner())) {
            RunResult result = engine.run(PlanParser.parse(plan), new RunOptions("hello", plan.getParent()))
                    .result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(Files.readString(dir.resolve("runs/hello/logs/greet:0.attempt-1.out")))
                    .isEqualTo("hello from greet:0\n");
            assertThat(new Verifier().check(engine.journal().events("hello"))).isEmpty();
        }
    }

    @Test
    void aSessionPastItsTimeoutIsKilledWithItsTermIgnoringChildAndItsSlotReusedWithinASecond() throws Exception {
        Path pids = dir.resolve("pids");
        String plan = """
                run: {slots: 1}
                classes:
                  implementation: {timeout: 1s, max-attempts: 1}
                specs:
                  - id: stuck
                    command: "sh -c 'trap \\"\\" TERM; echo $$ >> %s; while true; do sleep 1; done' & wait"
                  - id: next
                    command: "true"
                """.formatted(pids);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner(Duration.ofMillis(300)))) {
            RunResult result = engine.run(PlanParser.parse(plan, "stuck.yaml"), new RunOptions("stuck", dir))
                    .result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);

            List<RunEvent> journal = engine.journal().events("stuck");
            NodeDispatched stuck = first(journal, NodeDispatched.class, "stuck:0");
            SessionFinished timedOut = first(journal, SessionFinished.class, "stuck:0");
            NodeDispatched next = first(journal, NodeDispatched.class, "next:0");
            assertThat(timedOut.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
            assertThat(timedOut.detail()).isEqualTo("ran past its timeout of 1s");
            Duration timeoutToReuse = Duration.between(stuck.at().plusSeconds(1), next.at());
            assertThat(timeoutToReuse).as("from the timeout to the slot's next session").isLessThan(Duration.ofMillis(1500));
            assertThat(next.slot()).isEqualTo(stuck.slot());
            long child = Long.parseLong(Files.readString(pids).trim());
            assertThat(io.slotflow.engine.runner.Processes.alive(child)).isFalse();
        }
    }

    private static <T extends RunEvent> T first(List<RunEvent> journal, Class<T> type, String node) {
        return journal.stream().filter(type::isInstance).map(type::cast)
                .filter(e -> e.toString().contains("node=" + node + ",")).findFirst().orElseThrow();
    }
}
