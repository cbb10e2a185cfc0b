package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.testing.TestPlanBuilder;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

    @TempDir
    Path dir;

    private static final Plan PLAN = TestPlanBuilder.plan().name("small").slots(2)
            .spec("a").group("0", Duration.ofSeconds(2), List.of("a")).group("1", Duration.ofSeconds(1), List.of("a"), "0")
            .spec("b").group("0", Duration.ofSeconds(3), List.of("b"))
            .spec("c", "a", "b").group("0", Duration.ofSeconds(1), List.of("c"))
            .build();

    private static RunResult await(RunHandle run) throws Exception {
        return run.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void runsAPlanToCompletionAndJournalsEveryDecision() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(0.01))) {
            RunResult result = await(engine.run(PLAN, new RunOptions("r1", dir)));
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(result.counts()).containsEntry(NodeLifecycle.State.SUCCEEDED, 4);

            List<RunEvent> events = engine.journal().events("r1");
            assertThat(events.get(0)).isInstanceOf(PlanAccepted.class);
            assertThat(events.get(events.size() - 1)).isInstanceOf(RunCompleted.class);
            assertThat(events.stream().filter(e -> e instanceof NodeDispatched)).hasSize(4);
            assertThat(new Verifier().check(events)).isEmpty();
            assertThat(engine.journal().runIds()).containsExactly("r1");
        }
    }

    @Test
    void aFailingNodeIsRetriedThenFailsAndBlocksItsDependents() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(0.001,
                (node, attempt) -> node.id().equals("b:0") ? SessionOutcome.FAILED : SessionOutcome.SUCCEEDED))) {
            RunResult result = await(engine.run(PLAN, new RunOptions("r2", dir)));
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(result.failed()).extracting(n -> n.id() + " " + n.state() + " " + n.detail())
                    .containsExactlyInAnyOrder("b:0 FAILED failed, 2 of 2 attempts used",
                            "c:0 BLOCKED blocked by b");
            assertThat(new Verifier().check(engine.journal().events("r2"))).isEmpty();
        }
    }

    @Test
    void runningACompletedRunAgainReturnsItsResultWithoutRunningAnything() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.instant())) {
            await(engine.run(PLAN, new RunOptions("r3", dir)));
            int events = engine.journal().events("r3").size();
            RunResult again = await(engine.run(PLAN, new RunOptions("r3", dir)));
            assertThat(again.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(engine.journal().events("r3")).hasSize(events);
        }
    }
}
