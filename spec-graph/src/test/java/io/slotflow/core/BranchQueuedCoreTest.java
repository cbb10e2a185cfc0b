package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.BranchQueued;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A session whose branch entered the merge queue: its slot goes back to the pool at once, its
 * footprint stays held, and its outcome (told to its owner) waits for the queue.
 */
class BranchQueuedCoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;
    private static final Input.Flush FLUSH = new Input.Flush(Map.of(HOST, 1));

    /** K = 1; a and b write the same file, c another. */
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan().slots(1)
            .spec("a").group("0", Duration.ofMinutes(9), List.of("shared"))
            .spec("b").group("0", Duration.ofMinutes(1), List.of("shared"))
            .spec("c").group("0", Duration.ofMinutes(1), List.of("own"))
            .build());

    private RunCore core = new RunCore("r", GRAPH, "digest");
    private final List<RunEvent> journal = new ArrayList<>();

    private Step step(Input input) {
        Step step = core.handle(input, T0);
        step.events().forEach(core::apply);
        journal.addAll(step.events());
        return step;
    }

    private static Input.NodesReady ready(String... nodes) {
        return new Input.NodesReady(java.util.Arrays.stream(nodes).map(n -> new ReadyNode(GRAPH.group(n), 1, T0))
                .toList());
    }

    private void aIsQueued() {
        step(new Input.Start(Set.of(HOST)));
        GRAPH.specIds().forEach(s -> step(new Input.Announced(new Owner.Spec(s))));
        step(new Input.Announced(Owner.Injector.INSTANCE));
        step(ready("a:0"));
        step(FLUSH);
        assertThat(core.board().runningNode("a:0")).isPresent();
        Step queued = step(new Input.BranchQueued(new SessionKey("a:0", 1), "slotflow/r/a%3A0/1", 2,
                List.of("shared/x.txt"), T0));
        assertThat(queued.events()).singleElement().isEqualTo(new BranchQueued("a:0", 1, 0, "slotflow/r/a%3A0/1", 2,
                List.of("shared/x.txt"), T0));
        assertThat(queued.actions()).as("no owner hears of it yet").containsExactly(Action.FlushSoon.INSTANCE);
    }

    @Test
    void theSlotIsFreeButTheFootprintHeldUntilTheQueueIsDone() {
        aIsQueued();
        assertThat(core.board().runningCount()).isZero();
        assertThat(core.board().freeSlots()).containsExactly(0);
        assertThat(core.board().mergingNode("a:0")).isPresent();
        step(ready("b:0", "c:0"));
        Step decided = step(FLUSH);
        assertThat(decided.events()).filteredOn(NodeDispatched.class::isInstance).extracting(e -> ((NodeDispatched) e)
                .node()).as("b writes what a's waiting branch wrote: it must not start without a's work")
                .containsExactly("c:0");
        step(new Input.SessionEnded(new SessionKey("c:0", 1), SessionOutcome.SUCCEEDED, 0, "", T0, HOST));
        step(FLUSH);
        // the queue is done with a's branch: its outcome is journaled and told, and b may start
        step(new Input.SessionEnded(new SessionKey("a:0", 1), SessionOutcome.SUCCEEDED, 0, "merged", T0, HOST));
        Step merged = step(FLUSH);
        assertThat(merged.events()).filteredOn(SessionFinished.class::isInstance).singleElement()
                .extracting(e -> ((SessionFinished) e).node()).isEqualTo("a:0");
        assertThat(merged.events()).filteredOn(NodeDispatched.class::isInstance).singleElement()
                .extracting(e -> ((NodeDispatched) e).node()).isEqualTo("b:0");
        assertThat(merged.actions()).contains(new Action.ToOwner(new Owner.Spec("a"),
                new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, "merged"),
                Optional.of(FollowUp.of(new SessionKey("a:0", 1)))));
        assertThat(core.board().mergingCount()).isZero();
    }

    @Test
    void theRunDoesNotCompleteWhileABranchWaits() {
        aIsQueued();
        step(new Input.AllSettled(GRAPH.specIds().size()));
        assertThat(step(FLUSH).events()).noneMatch(RunCompleted.class::isInstance);
        step(new Input.SessionEnded(new SessionKey("a:0", 1), SessionOutcome.SUCCEEDED, 0, "", T0, HOST));
        step(FLUSH);
        assertThat(step(FLUSH).events()).anyMatch(RunCompleted.class::isInstance);
    }

    @Test
    void aNodeWhoseBranchWaitsInTheQueueCannotBeCancelled() {
        aIsQueued();
        Step cancel = step(new Input.CancelNode("a:0", "alice", ""));
        assertThat(cancel.events()).isEmpty();
        assertThat(cancel.actions()).singleElement().isInstanceOfSatisfying(Action.Rejected.class, r -> {
            assertThat(r.kind()).isEqualTo(Rejection.NODE_CONFLICT);
            assertThat(r.reason()).contains("a:0", "merge queue");
        });
        assertThat(core.board().mergingNode("a:0")).as("the branch still waits for its merge").isPresent();
    }

    @Test
    void aLateOrRepeatedReportIsDropped() {
        aIsQueued();
        assertThat(step(new Input.BranchQueued(new SessionKey("a:0", 1), "b", 1, List.of(), T0)).events()).isEmpty();
        assertThat(step(new Input.BranchQueued(new SessionKey("c:0", 1), "b", 1, List.of(), T0)).events()).isEmpty();
    }

    @Test
    void aResumeThatFindsNoMergeOfAWaitingBranchRecordsItLostForTheNextAttemptToTakeBack() {
        aIsQueued();
        RunCore fresh = new RunCore("r", GRAPH, "digest");
        journal.forEach(fresh::apply);
        core = fresh;
        step(new Input.Start(Set.of(HOST)));
        Step resumed = step(new Input.LiveSessions(HOST, Set.of(), List.of()));
        assertThat(resumed.events()).filteredOn(SessionFinished.class::isInstance).singleElement().satisfies(e -> {
            SessionFinished f = (SessionFinished) e;
            assertThat(f.node()).isEqualTo("a:0");
            assertThat(f.outcome()).isEqualTo(SessionOutcome.LOST);
            assertThat(f.detail()).isEqualTo("the engine stopped while its branch waited in the merge queue");
        });
        assertThat(core.board().mergingCount()).isZero();
    }

    @Test
    void aResumeLeavesAMergeItsHostStillRunsAlone() {
        aIsQueued();
        RunCore fresh = new RunCore("r", GRAPH, "digest");
        journal.forEach(fresh::apply);
        core = fresh;
        step(new Input.Start(Set.of(HOST)));
        Step resumed = step(new Input.LiveSessions(HOST, Set.of(new SessionKey("a:0", 1)), List.of()));
        assertThat(resumed.events()).noneMatch(SessionFinished.class::isInstance);
        assertThat(core.board().mergingNode("a:0")).isPresent();
    }
}
