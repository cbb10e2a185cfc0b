package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecCompleted;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.PlanGraph;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecProgressTest {

    private static final Instant T = Instant.EPOCH;
    private static final Duration M = Duration.ofMinutes(1);

    // spec s: a → b, a → c; c → d. Spec t depends on s. implementation max attempts: 2
    private final PlanGraph graph = PlanGraph.of(TestPlanBuilder.plan()
            .spec("s").group("a", M, List.of("x")).group("b", M, List.of("y"), "a")
            .group("c", M, List.of("z"), "a").group("d", M, List.of("w"), "c")
            .spec("t", "s").group("0", M, List.of("v"))
            .build());

    private final SpecProgress s = new SpecProgress("s", graph);

    private List<RunEvent> applied(List<RunEvent> events) {
        events.forEach(s::apply);
        return events;
    }

    @Test
    void beginMakesTheRootsReady() {
        assertThat(applied(s.begin(T))).containsExactly(new NodeReady("s:a", 1, 0, T));
        assertThat(s.begin(T)).as("begin is idempotent").isEmpty();
    }

    @Test
    void successMakesDependentsReadyAndTheLastOneCompletesTheSpec() {
        applied(s.begin(T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.SUCCEEDED, ""), T)))
                .containsExactly(new NodeSucceeded("s:a", 1, false, T), new NodeReady("s:b", 1, 0, T),
                        new NodeReady("s:c", 1, 0, T));
        applied(s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.NOOP, ""), T));
        applied(s.sessionOutcome(new NodeOutcome("s:c", 1, SessionOutcome.SUCCEEDED, ""), T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:d", 1, SessionOutcome.SUCCEEDED, ""), T)))
                .containsExactly(new NodeSucceeded("s:d", 1, false, T), new SpecCompleted("s", T));
        assertThat(s.status()).isEqualTo(SpecProgress.Status.COMPLETED);
    }

    @Test
    void repeatedAndStaleOutcomesAreIgnored() {
        applied(s.begin(T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.FAILED, "exit 1"), T));
        assertThat(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.FAILED, "exit 1"), T)).as("same attempt again").isEmpty();
        assertThat(s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.SUCCEEDED, ""), T)).as("never ready").isEmpty();
    }

    @Test
    void aFailureIsRetriedUntilMaxAttemptsThenBlocksItsDescendants() {
        applied(s.begin(T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.SUCCEEDED, ""), T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:c", 1, SessionOutcome.TIMED_OUT, ""), T)))
                .containsExactly(new NodeReady("s:c", 2, 1, T));
        List<RunEvent> last = applied(s.sessionOutcome(new NodeOutcome("s:c", 2, SessionOutcome.FAILED, "exit 3"), T));
        assertThat(last).containsExactly(
                new NodeFailed("s:c", 2, SessionOutcome.FAILED, "failed (exit 3), 2 of 2 attempts used", T),
                new NodeBlocked("s:d", "s:c", T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.SUCCEEDED, ""), T)))
                .as("the spec fails once every group is final")
                .containsExactly(new NodeSucceeded("s:b", 1, false, T), new SpecFailed("s", List.of("s:c", "s:d"), T));
    }

    @Test
    void lostAndCancelledSessionsRunAgainWithoutCountingAnAttempt() {
        applied(s.begin(T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.LOST, ""), T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 2, SessionOutcome.CANCELLED, ""), T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:a", 3, SessionOutcome.FAILED, ""), T)))
                .containsExactly(new NodeReady("s:a", 4, 1, T));
    }

    @Test
    void aRebaseConflictRerunsTheNodeOnceThenFailsItForGood() {
        applied(s.begin(T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.CONFLICT, "conflicts in x.txt"), T)))
                .containsExactly(new NodeReady("s:a", 2, 1, T));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:a", 2, SessionOutcome.CONFLICT, "conflicts in x.txt"), T)))
                .startsWith(new NodeFailed("s:a", 2, SessionOutcome.CONFLICT,
                        "conflicted with the target branch (conflicts in x.txt), 2 of 2 attempts used", T));
    }

    @Test
    void aConflictAfterAFailureFailsAtOnce() {
        SpecProgress three = new SpecProgress("s", PlanGraph.of(TestPlanBuilder.plan()
                .workClass(new io.slotflow.plan.WorkClass("implementation", 0, 3, 0, Duration.ofHours(2), null, 3,
                        Duration.ofHours(1)))
                .spec("s").group("a", M, List.of("x")).build()));
        three.apply(three.begin(T).get(0));
        three.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.FAILED, "exit 1"), T).forEach(three::apply);
        assertThat(three.sessionOutcome(new NodeOutcome("s:a", 2, SessionOutcome.CONFLICT, ""), T).get(0))
                .isInstanceOf(NodeFailed.class);
    }

    @Test
    void aSpecWaitsForTheSpecsItDependsOn() {
        SpecProgress t = new SpecProgress("t", graph);
        assertThat(t.begin(T)).isEmpty();
        assertThat(t.awaitedSpecs()).containsExactly("s");
        assertThat(t.dependencyCompleted("s", T)).containsExactly(new NodeReady("t:0", 1, 0, T));
    }

    @Test
    void aFailedDependencyBlocksTheWholeSpec() {
        SpecProgress t = new SpecProgress("t", graph);
        assertThat(t.dependencyFailed("s", T))
                .containsExactly(new NodeBlocked("t:0", "s", T), new SpecFailed("t", List.of("t:0"), T));
    }

    @Test
    void readyNodesAreWhatARestartReannounces() {
        applied(s.begin(T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.SUCCEEDED, ""), T));
        SpecProgress recovered = new SpecProgress("s", graph);
        List.of(new NodeReady("s:a", 1, 0, T), new NodeSucceeded("s:a", 1, false, T), new NodeReady("s:b", 1, 0, T),
                new NodeReady("s:c", 1, 0, T)).forEach(recovered::apply);
        assertThat(recovered.readyNodes()).extracting(r -> r.node().id()).containsExactly("s:b", "s:c");
        assertThat(recovered.readyNodes()).isEqualTo(s.readyNodes());
    }

    @Test
    void aRetryReopensFailedAndBlockedGroupsWithFreshAttemptsAndLeavesSuccessesDone() {
        applied(s.begin(T));
        applied(s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.SUCCEEDED, ""), T));
        applied(s.sessionOutcome(new NodeOutcome("s:c", 1, SessionOutcome.TIMED_OUT, ""), T));
        applied(s.sessionOutcome(new NodeOutcome("s:c", 2, SessionOutcome.FAILED, "exit 3"), T));
        applied(s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.SUCCEEDED, ""), T));
        assertThat(s.status()).isEqualTo(SpecProgress.Status.FAILED);

        Instant later = T.plusSeconds(600);
        assertThat(applied(s.reopen(1, List.of("s:c", "s:d", "t:0"), later))).containsExactly(
                new io.slotflow.event.NodesReopened("s", 1, List.of("s:c", "s:d"), later),
                new NodeReady("s:c", 3, 0, later));
        assertThat(s.status()).isEqualTo(SpecProgress.Status.ACTIVE);
        assertThat(s.state("s:b")).isEqualTo(SpecProgress.GroupState.SUCCEEDED);
        assertThat(s.reopen(1, List.of("s:c", "s:d"), later)).as("a round is taken up once").isEmpty();

        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:c", 3, SessionOutcome.FAILED, "exit 3"), later)))
                .as("the reopened group has its whole budget of attempts again")
                .containsExactly(new NodeReady("s:c", 4, 1, later));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:c", 4, SessionOutcome.SUCCEEDED, ""), later)))
                .containsExactly(new NodeSucceeded("s:c", 4, false, later), new NodeReady("s:d", 1, 0, later));
        assertThat(applied(s.sessionOutcome(new NodeOutcome("s:d", 1, SessionOutcome.SUCCEEDED, ""), later)))
                .containsExactly(new NodeSucceeded("s:d", 1, false, later), new SpecCompleted("s", later));
    }

    @Test
    void aSpecBlockedByAFailedDependencyWaitsForItAgainAfterARetry() {
        SpecProgress t = new SpecProgress("t", graph);
        t.dependencyFailed("s", T).forEach(t::apply);
        assertThat(t.status()).isEqualTo(SpecProgress.Status.FAILED);
        List<RunEvent> reopened = t.reopen(1, List.of("s:c", "t:0"), T);
        assertThat(reopened).as("nothing is ready before s completes")
                .containsExactly(new io.slotflow.event.NodesReopened("t", 1, List.of("t:0"), T));
        reopened.forEach(t::apply);
        assertThat(t.dependencyCompleted("s", T)).containsExactly(new NodeReady("t:0", 1, 0, T));
    }

    @Test
    void aRetryWaitsOutItsClassBackoffDoubledPerFailureWithTheJitterDrawnWhenDecided() {
        io.slotflow.plan.WorkClass impl = new io.slotflow.plan.WorkClass("implementation", 0, 2, 0,
                Duration.ofHours(2), null, 4, Duration.ofHours(1), io.slotflow.plan.Borrow.NEVER,
                new io.slotflow.plan.RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(30), 20));
        PlanGraph backoffGraph = PlanGraph.of(TestPlanBuilder.plan().workClass(impl)
                .spec("s").group("a", M, List.of("x")).build());
        double[] draws = {1.0, -1.0, 0.0};
        int[] drawn = {0};
        SpecProgress p = new SpecProgress("s", backoffGraph, () -> draws[drawn[0]++]);
        p.begin(T).forEach(p::apply);
        List<RunEvent> first = p.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.FAILED, "exit 1"), T);
        assertThat(first).containsExactly(new NodeReady("s:a", 2, 1, T, T.plusSeconds(12)));
        first.forEach(p::apply);
        List<RunEvent> second = p.sessionOutcome(new NodeOutcome("s:a", 2, SessionOutcome.TIMED_OUT, ""), T);
        assertThat(second).as("20 s, drawn at its shortest").containsExactly(new NodeReady("s:a", 3, 2, T, T.plusSeconds(16)));
        second.forEach(p::apply);
        assertThat(p.readyNodes()).singleElement().extracting(ReadyNode::readyAt).isEqualTo(T.plusSeconds(16));
        assertThat(p.sessionOutcome(new NodeOutcome("s:a", 3, SessionOutcome.FAILED, ""), T)).as("capped at 30 s")
                .containsExactly(new NodeReady("s:a", 4, 3, T, T.plusSeconds(30)));
        assertThat(p.sessionOutcome(new NodeOutcome("s:a", 3, SessionOutcome.LOST, ""), T)).as("a lost session is not the node's fault")
                .containsExactly(new NodeReady("s:a", 4, 2, T));
    }
}
