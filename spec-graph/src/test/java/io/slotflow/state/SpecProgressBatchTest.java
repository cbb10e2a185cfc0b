package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import io.slotflow.testing.PlanArbitraries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Deciding several outcomes together gives exactly the events of deciding them one by one. */
class SpecProgressBatchTest {

    private static final Instant T = Instant.EPOCH;

    /** What happens to one ready group in a round: ends not, once or twice (a redelivery), how, and in which order. */
    record Choice(int ends, SessionOutcome outcome, int order) {
    }

    @Provide
    Arbitrary<Plan> plans() {
        return PlanArbitraries.plans();
    }

    @Provide
    Arbitrary<List<List<Choice>>> rounds() {
        Arbitrary<Choice> choice = Combinators.combine(Arbitraries.frequency(Tuple.of(2, 1), Tuple.of(2, 0), Tuple.of(1, 2)),
                Arbitraries.of(SessionOutcome.class), Arbitraries.integers().between(0, 20)).as(Choice::new);
        return choice.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(30).withoutEdgeCases();
    }

    @Property(tries = 300)
    void aBatchDecidesLikeOneAtATime(@ForAll("plans") Plan plan, @ForAll("rounds") List<List<Choice>> rounds) {
        PlanGraph graph = PlanGraph.of(plan);
        Spec spec = graph.plan().specs().get(0);
        SpecProgress oneByOne = new SpecProgress(spec.id(), graph);
        SpecProgress batched = new SpecProgress(spec.id(), graph);
        begin(oneByOne, batched, graph);
        for (List<Choice> round : rounds) {
            if (oneByOne.readyNodes().isEmpty()) {
                break;
            }
            // some ready groups end, in the order the choices give, some of them twice
            List<Choice> picked = new ArrayList<>();
            List<NodeOutcome> outcomes = new ArrayList<>();
            List<ReadyNode> ready = oneByOne.readyNodes();
            for (int i = 0; i < ready.size(); i++) {
                Choice c = round.get(i % round.size());
                for (int n = 0; n < c.ends(); n++) {
                    picked.add(c);
                    outcomes.add(new NodeOutcome(ready.get(i).node().id(), ready.get(i).attempt(), c.outcome(), ""));
                }
            }
            List<Integer> order = new ArrayList<>(IntStream.range(0, outcomes.size()).boxed().toList());
            order.sort(Comparator.comparingInt(k -> picked.get(k).order()));
            List<NodeOutcome> shuffled = order.stream().map(outcomes::get).toList();
            List<RunEvent> sequential = new ArrayList<>();
            for (NodeOutcome o : shuffled) {
                List<RunEvent> events = oneByOne.sessionOutcome(o, T);
                events.forEach(oneByOne::apply);
                sequential.addAll(events);
            }
            List<RunEvent> together = new ArrayList<>();
            batched.sessionOutcomes(shuffled, T).forEach(together::addAll);
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
