package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Journals left by engines before 0.2, whose spec actors could announce a node whose NodeReady
 * write had failed: they fold (so they can be resumed, listed and replayed), and the verifier still
 * says what is wrong with them.
 */
class RunStateWreckTest {

    private static List<RunEvent> run() {
        return new ArrayList<>(Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events());
    }

    private static int indexOf(List<RunEvent> events, Class<?> type, String node) {
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (type.isInstance(e) && (e instanceof NodeReady r ? r.node() : ((NodeDispatched) e).node()).equals(node)) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + node);
    }

    @Test
    void aDispatchWhoseNodeReadyWasLostFoldsAsIfTheNodeWasReady() {
        List<RunEvent> events = run();
        events.remove(indexOf(events, NodeReady.class, "greet:0"));
        RunState state = RunState.fold(events);
        assertThat(state.node("greet:0").orElseThrow().state()).isEqualTo(NodeLifecycle.State.SUCCEEDED);
        assertThat(state.allFinal()).isTrue();
        assertThat(new Verifier().check(events)).extracting(v -> v.guarantee())
                .containsExactly(Guarantee.READY_BEFORE_DISPATCH);
    }

    @Test
    void theLateCopyOfALostNodeReadyIsIgnored() {
        List<RunEvent> events = run();
        NodeReady ready = (NodeReady) events.remove(indexOf(events, NodeReady.class, "greet:0"));
        events.add(indexOf(events, NodeDispatched.class, "greet:0") + 1, ready);
        assertThat(RunState.fold(events).node("greet:0").orElseThrow().state())
                .isEqualTo(NodeLifecycle.State.SUCCEEDED);
    }

    @Test
    void aNodeReadyThatTheLifecycleDoesNotAllowIsStillRefused() {
        List<RunEvent> events = run();
        int succeeded = events.size() - 1;
        NodeReady again = new NodeReady("greet:0", 1, 0, events.get(succeeded).at());
        events.add(again);
        assertThatThrownBy(() -> RunState.fold(events)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node greet:0 cannot go READY from SUCCEEDED");
    }
}
