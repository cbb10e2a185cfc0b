package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Spec;
import io.slotflow.testing.RandomPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Deciding several outcomes together gives exactly the events of deciding them one by one. */
class SpecProgressBatchTest {

    private static final Instant T = Instant.EPOCH;
    private static final SessionOutcome[] OUTCOMES = SessionOutcome.values();

    @Property(tries = 300)
    void aBatchDecidesLikeOneAtATime(@ForAll long seed) {
        Random random = new Random(seed);
        PlanGraph graph = PlanGraph.of(RandomPlans.generate(random));
        Spec spec = graph.plan().specs().get(0);
        SpecProgress oneByOne = new SpecProgress(spec.id(), graph);
        SpecProgress batched = new SpecProgress(spec.id(), graph);
        begin(oneByOne, batched, graph);
        for (int round = 0; round < 30 && !oneByOne.readyNodes().isEmpty(); round++) {
            // some ready groups end, in a random order, some of them twice
            List<NodeOutcome> outcomes = new ArrayList<>();
            for (ReadyNode r : oneByOne.readyNodes()) {
                if (random.nextBoolean()) {
                    SessionOutcome o = OUTCOMES[random.nextInt(OUTCOMES.length)];
                    outcomes.add(new NodeOutcome(r.node().id(), r.attempt(), o, ""));
                    if (random.nextInt(5) == 0) {
                        outcomes.add(new NodeOutcome(r.node().id(), r.attempt(), o, ""));
                    }
                }
            }
            java.util.Collections.shuffle(outcomes, random);
            List<RunEvent> sequential = new ArrayList<>();
            for (NodeOutcome o : outcomes) {
                List<RunEvent> events = oneByOne.sessionOutcome(o, T);
                events.forEach(oneByOne::apply);
                sequential.addAll(events);
            }
            List<RunEvent> together = new ArrayList<>();
            batched.sessionOutcomes(outcomes, T).forEach(together::addAll);
            together.forEach(batched::apply);
            assertThat(together).isEqualTo(sequential);
            assertThat(batched.readyNodes()).isEqualTo(oneByOne.readyNodes());
            assertThat(batched.status()).isEqualTo(oneByOne.status());
        }
    }

    private static void begin(SpecProgress a, SpecProgress b, PlanGraph graph) {
        for (String dep : graph.spec(a.specId()).dependsOn()) {
            a.dependencyCompleted(dep, T);
            b.dependencyCompleted(dep, T);
        }
        List<RunEvent> first = a.begin(T);
        first.forEach(a::apply);
        b.begin(T).forEach(b::apply);
        assertThat(first).allMatch(e -> e instanceof NodeReady);
    }
}
