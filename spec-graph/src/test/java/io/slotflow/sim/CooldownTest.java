package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NOOP cooldown through the run core: after N NOOPs in a row the category gets no slot for its cooldown. */
class CooldownTest {

    @Test
    void aCategoryThatKeepsFindingNothingToDoWaitsOutItsCooldown() {
        Plan plan = PlanParser.parse("""
                run: {slots: 1}
                categories:
                  poll: {share: 0.5, cooldown: 10m, cooldown-after: 2}
                  build: {share: 0.5}
                specs:
                  - {id: p1, command: 'true', category: poll, estimate: 1m, writes: [p1]}
                  - {id: p2, command: 'true', category: poll, estimate: 1m, writes: [p2]}
                  - {id: p3, command: 'true', category: poll, estimate: 1m, writes: [p3]}
                  - {id: b1, command: 'true', category: build, estimate: 1m, writes: [b1]}
                """, "cooldown.yaml");
        Simulator.Result result = Simulator.run(plan, Simulator.Settings.defaults().withOutcomes((node, attempt) ->
                node.category().equals("poll") ? SessionOutcome.NOOP : SessionOutcome.SUCCEEDED));
        assertThat(new Verifier().check(result.events())).isEmpty();
        List<NodeDispatched> dispatches = result.events().stream().filter(e -> e instanceof NodeDispatched)
                .map(e -> (NodeDispatched) e).toList();
        Instant secondNoopEnded = result.events().stream().filter(e -> e instanceof SessionFinished f
                        && f.outcome() == SessionOutcome.NOOP).map(e -> e.at()).skip(1).findFirst().orElseThrow();
        NodeDispatched p3 = dispatches.stream().filter(d -> d.node().equals("p3:0")).findFirst().orElseThrow();
        assertThat(Duration.between(secondNoopEnded, p3.at())).as("p3 waits out the cooldown")
                .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(dispatches.stream().map(NodeDispatched::node).toList()).as("build takes the slot meanwhile")
                .containsSubsequence("b1:0", "p3:0");
    }
}
