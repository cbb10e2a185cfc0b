package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.graph.PlanGraph;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where sessions go when several session hosts (cluster members) share a run's K slots. */
class SlotDeciderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static PlanGraph wide(int k, int groups) {
        TestPlanBuilder.SpecBuilder spec = TestPlanBuilder.plan().slots(k).spec("s");
        for (int i = 0; i < groups; i++) {
            spec.group("g" + i, Duration.ofMinutes(1), List.of("t" + i));
        }
        return PlanGraph.of(spec.build());
    }

    private static List<NodeDispatched> decide(PlanGraph graph, SlotBoard board, int ready, Map<String, Integer> hosts) {
        SlotDecider decider = new SlotDecider(graph);
        ReadyQueue queue = decider.newQueue();
        for (int i = 0; i < ready; i++) {
            queue.add(decider.readyNode(graph.group("s:g" + i), 1, NOW, queue.nextSequence()));
        }
        return decider.decide(board, queue, Set.of(), true, NOW, null, hosts).assignments();
    }

    private static SlotBoard board(PlanGraph graph) {
        SlotBoard board = new SlotBoard(graph.slots());
        board.apply(new PlanAccepted("r", graph.plan(), "digest", NOW));
        return board;
    }

    private static Map<String, Long> perHost(List<NodeDispatched> assignments) {
        return assignments.stream().collect(Collectors.groupingBy(NodeDispatched::host, Collectors.counting()));
    }

    @Test
    void hostsWithFewerSlotsThanKCapTheStarts() {
        PlanGraph graph = wide(6, 10);
        List<NodeDispatched> starts = decide(graph, board(graph), 10, Map.of("a", 1, "b", 2));
        assertThat(perHost(starts)).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void kCapsTheStartsWhenHostsHaveMoreSlots() {
        PlanGraph graph = wide(4, 10);
        List<NodeDispatched> starts = decide(graph, board(graph), 10, Map.of("a", 8, "b", 8, "c", 8));
        assertThat(starts).hasSize(4);
        assertThat(perHost(starts).values()).allMatch(n -> n <= 2);
    }

    @Test
    void aHostsRunningSessionsUseItsSlots() {
        PlanGraph graph = wide(4, 10);
        SlotBoard board = board(graph);
        List<NodeDispatched> first = decide(graph, board, 2, Map.of("a", 2, "b", 2));
        first.forEach(board::apply);
        assertThat(perHost(first)).isEqualTo(Map.of("a", 1L, "b", 1L));
        // the next decision sees g0 and g1 running, one on each host: one slot left on each
        SlotDecider decider = new SlotDecider(graph);
        ReadyQueue queue = decider.newQueue();
        for (int i = 2; i < 10; i++) {
            queue.add(decider.readyNode(graph.group("s:g" + i), 1, NOW, queue.nextSequence()));
        }
        List<NodeDispatched> next = decider.decide(board, queue, Set.of(), true, NOW, null, Map.of("a", 2, "b", 2))
                .assignments();
        assertThat(perHost(next)).isEqualTo(Map.of("a", 1L, "b", 1L));
    }

    @Test
    void withNoHostNothingStarts() {
        PlanGraph graph = wide(4, 3);
        assertThat(decide(graph, board(graph), 3, Map.of())).isEmpty();
    }
}
