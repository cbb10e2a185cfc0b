package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Counted resources: a node starts only when each resource it uses has room for its units. */
class ResourceRoomTest {

    private static final Map<String, Integer> CAPACITIES = Map.of("gpu", 2, "api-quota", 5);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nodes take units until the resource is full, in queue order",
                        new Nodes().ready("a", Map.of("gpu", 1)).ready("b", Map.of("gpu", 1)).ready("c", Map.of("gpu", 1)),
                        List.of("a", "b"), "c", "resource gpu full (2/2)"),
                Arguments.of("units held by running sessions count",
                        new Nodes().running(Map.of("gpu", 2)).ready("a", Map.of("gpu", 1)).ready("b", Map.of()),
                        List.of("b"), "a", "resource gpu full (2/2)"),
                Arguments.of("a node needing more units than are left waits; a smaller one behind it starts",
                        new Nodes().running(Map.of("api-quota", 3)).ready("big", Map.of("api-quota", 3))
                                .ready("small", Map.of("api-quota", 2)),
                        List.of("small"), "big", "resource api-quota full (3/5)"),
                Arguments.of("every resource a node uses must have room",
                        new Nodes().running(Map.of("gpu", 2)).ready("both", Map.of("api-quota", 1, "gpu", 1)),
                        List.of(), "both", "resource gpu full (2/2)"),
                Arguments.of("a node that uses nothing is never held back by a full resource",
                        new Nodes().running(Map.of("gpu", 2)).ready("plain", Map.of()),
                        List.of("plain"), "none", ""),
                Arguments.of("a resource is counted per unit, not per session",
                        new Nodes().ready("two", Map.of("gpu", 2)).ready("one", Map.of("gpu", 1)),
                        List.of("two"), "one", "resource gpu full (2/2)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aNodeStartsOnlyWhenItsResourcesHaveRoom(String name, Nodes nodes, List<String> started, String waiting,
            String reason) {
        Decision decision = new DispatchPolicy().decide(nodes.snapshot());
        assertThat(decision.starts().stream().map(QueuedNode::id).toList()).isEqualTo(started);
        if (!reason.isEmpty()) {
            WaitReason why = decision.reasonFor(waiting, 0);
            assertThat(why.describe()).isEqualTo(reason);
            assertThat(why.kind()).isEqualTo(WaitKind.RESOURCE_FULL);
        }
    }

    /** Four slots, one class, each node writing its own token: only resources keep nodes apart. */
    static final class Nodes {
        private final TokenTable tokens = new TokenTable();
        private final List<NodeDef> ready = new ArrayList<>();
        private final List<RunningNode> running = new ArrayList<>();
        private final Map<String, Integer> held = new HashMap<>();

        Nodes ready(String id, Map<String, Integer> uses) {
            ready.add(new NodeDef(id, NodeKind.GROUP, "s", WorkClass.IMPLEMENTATION,
                    Footprint.of(List.of(), List.of(id)), Command.of("true"), Duration.ofMinutes(1), null, List.of(),
                    List.of(), List.of(), false, uses));
            return this;
        }

        Nodes running(Map<String, Integer> uses) {
            String id = "r" + running.size();
            running.add(new RunningNode(id, 0, tokens.compile(Footprint.of(List.of(), List.of(id)))));
            uses.forEach((r, n) -> held.merge(r, n, Integer::sum));
            return this;
        }

        Snapshot snapshot() {
            ClassTable classes = new ClassTable(List.of(new WorkClass(WorkClass.IMPLEMENTATION, 0, 4, 0,
                    Duration.ofHours(1), null, 2, Duration.ofHours(1))));
            ReadyQueue queue = new ReadyQueue(1, QueueOrder.CRITICAL_PATH_FIRST);
            for (NodeDef def : ready) {
                queue.add(new QueuedNode(def, 1, 0, 0, 0, 0, queue.nextSequence(), tokens.compile(def.footprint())));
            }
            return new Snapshot(DispatchMode.ROLLING, 4, classes, queue, running, 1_000_000, true, CategoryUse.NONE,
                    new ResourceUse(CAPACITIES, held));
        }

        @Override
        public String toString() {
            return ready.size() + " ready";
        }
    }
}
