package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.QueueDecided;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.policy.WaitKind;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first decision of a run waits for every node announced at its start: the slots go by rank,
 * not to whichever spec spoke first, and a wave takes every node ready when it forms.
 */
class FirstDecisionTest {

    @TempDir
    Path dir;

    /** One node of each rank, all ready at start, the lowest rank listed last; one slot. */
    private static final Plan RANKS = PlanParser.parse("""
            name: ranks
            run:
              slots: 1
            classes:
              second: {rank: 1}
              third: {rank: 2}
            specs:
              - {id: c, class: third, command: "true", estimate: 1s, writes: [c]}
              - {id: b, class: second, command: "true", estimate: 1s, writes: [b]}
              - {id: a, class: implementation, command: "true", estimate: 1s, writes: [a]}
            """, "ranks.yaml");

    private static RunResult await(RunHandle run) throws Exception {
        return run.result().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private static List<String> dispatchOrder(List<RunEvent> events) {
        return events.stream().filter(e -> e instanceof NodeDispatched).map(e -> ((NodeDispatched) e).node())
                .toList();
    }

    @Test
    void theHighestRankedReadyNodeGetsTheOnlySlotFirstEveryTime() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.instant())) {
            for (int run = 0; run < 6; run++) {
                String runId = "ranks-" + run;
                assertThat(await(engine.run(RANKS, new RunOptions(runId, dir))).outcome())
                        .isEqualTo(RunResult.Outcome.SUCCEEDED);
                List<RunEvent> events = engine.journal().events(runId);
                assertThat(dispatchOrder(events)).as(runId).containsExactly("a:0", "b:0", "c:0");
                // the first decision journals why the others wait, and the verifier finds it true and in rank order
                QueueDecided first = (QueueDecided) events.stream().filter(e -> e instanceof QueueDecided)
                        .findFirst().orElseThrow();
                assertThat(first.started()).as(runId).containsExactly("a:0");
                assertThat(first.waiting()).as(runId).containsOnlyKeys("b:0", "c:0")
                        .allSatisfy((node, wait) -> assertThat(wait.kind()).isEqualTo(WaitKind.NO_FREE_SLOT));
                assertThat(new Verifier().check(events)).as(runId).isEmpty();
            }
        }
    }

    @Test
    void aWaveAtTheStartTakesEveryReadyNode() throws Exception {
        Plan hello = PlanParser.parse(Path.of("../docs/examples/hello.yaml"),
                new PlanParser.Overrides(null, DispatchMode.WAVE));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(0.01))) {
            assertThat(await(engine.run(hello, new RunOptions("wave", dir))).outcome())
                    .isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> events = engine.journal().events("wave");
            int firstEnd = events.indexOf(events.stream().filter(e -> e instanceof SessionFinished).findFirst()
                    .orElseThrow());
            assertThat(dispatchOrder(events.subList(0, firstEnd))).containsExactlyInAnyOrder("greet:0", "count:0");
            assertThat(new Verifier().check(events)).isEmpty();
        }
    }
}
