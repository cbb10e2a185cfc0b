package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.SpecTurns;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fair turns across specs: within a rank, the spec with the fewest sessions goes next, then the rank's order. */
class SpecRoundRobinTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one spec's many ready groups take one slot per turn",
                        new Nodes(2).ready("a:1", 30).ready("a:2", 20).ready("a:3", 10).ready("b:1", 5),
                        List.of("a:1", "b:1")),
                Arguments.of("without spec turns the critical path takes every slot",
                        new Nodes(2).turns(SpecTurns.NONE).ready("a:1", 30).ready("a:2", 20).ready("b:1", 5),
                        List.of("a:1", "a:2")),
                Arguments.of("a spec's running sessions count: the spec with none goes first",
                        new Nodes(3).running("a:0").ready("a:1", 30).ready("b:1", 5),
                        List.of("b:1", "a:1")),
                Arguments.of("turns go round: each spec one, then each spec a second",
                        new Nodes(4).ready("a:1", 40).ready("a:2", 39).ready("a:3", 38).ready("b:1", 5)
                                .ready("b:2", 4).ready("c:1", 1),
                        List.of("a:1", "b:1", "c:1", "a:2")),
                Arguments.of("between specs equally served, the longer critical path goes first",
                        new Nodes(1).running("a:0").running("b:0").ready("a:1", 5).ready("b:1", 9),
                        List.of("b:1")),
                Arguments.of("a spec whose node cannot start does not keep a slot idle (work-conserving)",
                        new Nodes(3).running("c:0", "x").ready("a:1", 30).ready("a:2", 20)
                                .ready("b:1", 50, "x"),
                        List.of("a:1", "a:2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void specsTakeTurns(String name, Nodes nodes, List<String> started) {
        Decision decision = new DispatchPolicy().decide(nodes.snapshot());
        assertThat(decision.starts().stream().map(QueuedNode::id).toList()).isEqualTo(started);
    }

    /** One class of K slots; a node writes its own token unless told otherwise. */
    static final class Nodes {
        private final TokenTable tokens = new TokenTable();
        private final int slots;
        private SpecTurns turns = SpecTurns.ROUND_ROBIN;
        private final List<QueuedNode> ready = new ArrayList<>();
        private final List<RunningNode> running = new ArrayList<>();

        Nodes(int free) {
            this.slots = free;
        }

        Nodes turns(SpecTurns t) {
            turns = t;
            return this;
        }

        /** A ready node {@code spec:group} with a critical path of {@code pathMinutes}. */
        Nodes ready(String id, long pathMinutes, String... writes) {
            NodeDef def = new NodeDef(id, NodeKind.GROUP, id.substring(0, id.indexOf(':')), WorkClass.IMPLEMENTATION,
                    Footprint.of(List.of(), writes.length == 0 ? List.of(id) : List.of(writes)), Command.of("true"),
                    Duration.ofMinutes(1), null, List.of(), List.of(), List.of(), false);
            ready.add(new QueuedNode(def, 1, 0, 0, pathMinutes * 60_000, 0, ready.size(),
                    tokens.compile(def.footprint())));
            return this;
        }

        Nodes running(String id, String... writes) {
            running.add(new RunningNode(id, 0,
                    tokens.compile(Footprint.of(List.of(), writes.length == 0 ? List.of(id) : List.of(writes)))));
            return this;
        }

        Snapshot snapshot() {
            int k = slots + running.size();
            ClassTable classes = new ClassTable(List.of(new WorkClass(WorkClass.IMPLEMENTATION, 0, k, 0,
                    Duration.ofHours(1), null, 2, Duration.ofHours(1))));
            ReadyQueue queue = new ReadyQueue(1, QueueOrder.CRITICAL_PATH_FIRST);
            ready.forEach(queue::add);
            return new Snapshot(DispatchMode.ROLLING, k, classes, queue, running, 1_000_000, true, CategoryUse.NONE,
                    ResourceUse.NONE, turns);
        }

        @Override
        public String toString() {
            return ready.size() + " ready";
        }
    }
}
