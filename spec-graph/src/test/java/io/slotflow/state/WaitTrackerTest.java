package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.WorkClass;
import io.slotflow.policy.ReadyQueue;
import io.slotflow.policy.WaitKind;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each waiting interval is charged to the reason the policy gave, or implied, for it. */
class WaitTrackerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final WaitTracker waits = new WaitTracker();

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** K = 3; reviews (groups of class review here) keep to a quota of 1. */
    private static PlanGraph plan(boolean wave) {
        TestPlanBuilder builder = TestPlanBuilder.plan().slots(3);
        if (wave) {
            builder.wave();
        }
        return PlanGraph.of(builder
                .workClass(TestPlanBuilder.review(3).withBorrow(Borrow.NEVER))
                .spec("s")
                .group("x", Duration.ofMinutes(1), List.of(), List.of("t"), WorkClass.IMPLEMENTATION)
                .group("r", Duration.ofMinutes(1), List.of(), List.of("r"), WorkClass.REVIEW)
                .group("b", Duration.ofMinutes(1), List.of(), List.of("t"), WorkClass.REVIEW)
                .group("c", Duration.ofMinutes(1), List.of(), List.of("c"), WorkClass.IMPLEMENTATION)
                .build());
    }

    private static SlotBoard board(PlanGraph graph) {
        SlotBoard board = new SlotBoard(graph.slots());
        board.apply(new PlanAccepted("r", graph.plan(), "digest", T0));
        return board;
    }

    private static void running(SlotBoard board, String node, int slot, String workClass, String token, long atMillis) {
        board.apply(new NodeDispatched(node, 1, slot, workClass, Footprint.of(List.of(), List.of(token)), at(atMillis),
                Map.of(), at(atMillis), NodeDispatched.LOCAL));
    }

    private void queue(SlotDecider decider, ReadyQueue queue, PlanGraph graph, String node, long atMillis) {
        queue.add(decider.readyNode(graph.group(node), 1, at(atMillis), queue.nextSequence()));
        waits.queued(node, at(atMillis).toEpochMilli());
    }

    private List<NodeDispatched> decide(SlotDecider decider, SlotBoard board, ReadyQueue queue, long atMillis) {
        List<NodeDispatched> starts = decider.decide(board, queue, Set.of(), true, at(atMillis), waits).assignments();
        starts.forEach(s -> {
            queue.remove(s.node());
            board.apply(s);
        });
        return starts;
    }

    @Test
    void beforeItsFirstDecisionANodeWaitsForThatDecisionNotForASlot() {
        PlanGraph graph = plan(false);
        SlotDecider decider = new SlotDecider(graph);
        ReadyQueue queue = decider.newQueue();
        SlotBoard board = board(graph);
        queue(decider, queue, graph, "s:c", 0);
        assertThat(decide(decider, board, queue, 400)).singleElement()
                .satisfies(d -> assertThat(d.waitedMillis()).isEqualTo(Map.of(WaitKind.NOT_YET_DECIDED, 400L)));
    }

    @Test
    void aNodeCutOffByTheQuotaShortcutIsChargedToTheQuotaNotItsOldReason() {
        PlanGraph graph = plan(false);
        SlotDecider decider = new SlotDecider(graph);
        ReadyQueue queue = decider.newQueue();
        SlotBoard board = board(graph);
        running(board, "s:x", 0, WorkClass.IMPLEMENTATION, "t", 0);
        queue(decider, queue, graph, "s:b", 0);
        // b conflicts with x: examined, footprint conflict
        assertThat(decide(decider, board, queue, 0)).isEmpty();
        // a review starts at 1 s (b, examined first, still conflicts); from 2 s the class is at its
        // quota, and b is no longer examined
        queue(decider, queue, graph, "s:r", 1000);
        assertThat(decide(decider, board, queue, 1000)).extracting(NodeDispatched::node).containsExactly("s:r");
        assertThat(decide(decider, board, queue, 2000)).isEmpty();
        // x and r end at 5 s: b starts
        board.apply(new SessionFinished("s:x", 1, 0, SessionOutcome.SUCCEEDED, 0, "", at(5000)));
        board.apply(new SessionFinished("s:r", 1, 1, SessionOutcome.SUCCEEDED, 0, "", at(5000)));
        assertThat(decide(decider, board, queue, 5000)).singleElement().satisfies(d -> assertThat(d.waitedMillis())
                .isEqualTo(Map.of(WaitKind.FOOTPRINT_CONFLICT, 2000L, WaitKind.CLASS_QUOTA, 3000L)));
    }

    @Test
    void theWaveGatesReasonIsTheWavesNotASlots() {
        PlanGraph graph = plan(true);
        SlotDecider decider = new SlotDecider(graph);
        ReadyQueue queue = decider.newQueue();
        SlotBoard board = board(graph);
        running(board, "s:x", 0, WorkClass.IMPLEMENTATION, "t", 0);
        queue(decider, queue, graph, "s:c", 0);
        assertThat(decide(decider, board, queue, 0)).isEmpty();
        board.apply(new SessionFinished("s:x", 1, 0, SessionOutcome.SUCCEEDED, 0, "", at(3000)));
        assertThat(decide(decider, board, queue, 3000)).singleElement().satisfies(d -> assertThat(d.waitedMillis())
                .isEqualTo(Map.of(WaitKind.WAVE_IN_PROGRESS, 3000L)));
    }
}
