package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.SessionFinished;
import io.slotflow.footprint.Footprint;
import java.util.Map;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.sim.Simulator;
import io.slotflow.testing.PlanArbitraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

    /** Every declared transition is taken by some simulated run: the table has no dead rows. */
    @Example // a jqwik example: the plan generator runs only inside jqwik
    void everyTransitionIsExercised() {
        Set<NodeLifecycle.Transition> seen = new HashSet<>();
        RandomGenerator<Plan> plans = PlanArbitraries.plans().generator(1000);
        for (int seed = 0; seed < 300; seed++) {
            // fixed seeds: the same 300 plans every time, so the coverage this asserts is stable
            Random random = new Random(seed);
            Plan plan = plans.next(random).value();
            long outcomes = random.nextLong();
            Simulator.Result result = Simulator.run(plan, Simulator.Settings.defaults()
                    .withDurations((n, a) -> Duration.ofMinutes(1 + new Random(outcomes ^ n.id().hashCode() ^ a).nextInt(40)))
                    .withOutcomes((n, a) -> new Random(outcomes ^ n.id().hashCode() * 7L ^ a).nextInt(6) == 0
                            ? SessionOutcome.FAILED : SessionOutcome.SUCCEEDED));
            seen.addAll(result.state().transitionsTaken());
        }
        // a session lost before it reported running: only a crash makes this one
        Plan plan = plans.next(new Random(3)).value();
        String node = plan.specs().get(0).id() + ":" + plan.specs().get(0).groups().get(0).id();
        RunState lost = RunState.fold(List.of(new PlanAccepted("r", plan, "", Instant.EPOCH),
                new NodeReady(node, 1, 0, Instant.EPOCH),
                new NodeDispatched(node, 1, 0, "implementation", Footprint.catchAll(), Instant.EPOCH, Map.of(),
                        Instant.EPOCH, NodeDispatched.LOCAL),
                new SessionFinished(node, 1, 0, SessionOutcome.LOST, null, "engine stopped", Instant.EPOCH)));
        seen.addAll(lost.transitionsTaken());
        // a retry of a finished run: only an operator makes these
        seen.addAll(RetryFoldTest.retriedRun().transitionsTaken());
        // an operator's cancel of one node, in every state it can take it from, then a retry
        seen.addAll(CancelFoldTest.retriedRun().transitionsTaken());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(NodeLifecycle.transitions());
    }

    @Example
    void anEventTheTableDoesNotAllowIsRefusedWithTheNodeHistory() {
        Plan plan = PlanArbitraries.plans().generator(1000).next(new Random(1)).value();
        String node = plan.specs().get(0).id() + ":" + plan.specs().get(0).groups().get(0).id();
        RunState state = new RunState();
        state.apply(new PlanAccepted("r", plan, "", Instant.EPOCH));
        state.apply(new NodeReady(node, 1, 0, Instant.EPOCH));
        assertThatThrownBy(() -> state.apply(new NodeBlocked(node, "x", Instant.EPOCH)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node " + node + " cannot go BLOCKED from READY")
                .hasMessageContaining("its history: [READY]");
    }

    @Test
    void theDiagramInTheDocsIsGeneratedFromTheTable() throws Exception {
        String concepts = Files.readString(Path.of("../docs/concepts.md"));
        assertThat(concepts).contains(NodeLifecycle.mermaid());
    }
}
