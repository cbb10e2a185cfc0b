package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeCancelled;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.PlanGraph;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An operator's cancel of one group, as its spec decides it: named cases of one table. */
class SpecProgressCancelTest {

    private static final Instant T = Instant.EPOCH;
    private static final Duration M = Duration.ofMinutes(1);

    // spec s: a → b, a → c; c → d
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan()
            .spec("s").group("a", M, List.of("x")).group("b", M, List.of("y"), "a")
            .group("c", M, List.of("z"), "a").group("d", M, List.of("w"), "c")
            .build());

    /** One row: how far the spec got, which group is cancelled, what must come of it. */
    private record Case(String name, Consumer<SpecProgress> before, String node, SpecProgress.CancelDecision expected) {
    }

    private static void applied(SpecProgress s, List<RunEvent> events) {
        events.forEach(s::apply);
    }

    private static void begun(SpecProgress s) {
        applied(s, s.begin(T));
    }

    private static void aSucceeded(SpecProgress s) {
        begun(s);
        applied(s, s.sessionOutcome(new NodeOutcome("s:a", 1, SessionOutcome.SUCCEEDED, ""), T));
    }

    private static NodeCancelled cancelled(String node, int attempt) {
        return new NodeCancelled(node, attempt, "alice", "stuck", T);
    }

    private static final List<Case> CASES = List.of(
            new Case("a waiting group: it and the groups waiting on it are final", SpecProgressCancelTest::begun,
                    "s:c", new SpecProgress.CancelDecision.Cancelled(List.of(cancelled("s:c", 0),
                            new NodeBlocked("s:d", "s:c", T)))),
            new Case("a group before its spec started", s -> { }, "s:d",
                    new SpecProgress.CancelDecision.Cancelled(List.of(cancelled("s:d", 0)))),
            new Case("a ready or running group: its dependents are blocked, the spec fails as nothing is left",
                    SpecProgressCancelTest::begun, "s:a", new SpecProgress.CancelDecision.Cancelled(List.of(
                            cancelled("s:a", 1), new NodeBlocked("s:b", "s:a", T), new NodeBlocked("s:c", "s:a", T),
                            new NodeBlocked("s:d", "s:a", T),
                            new SpecFailed("s", List.of("s:a", "s:b", "s:c", "s:d"), T)))),
            new Case("a group that succeeded is refused", SpecProgressCancelTest::aSucceeded, "s:a",
                    new SpecProgress.CancelDecision.AlreadyFinal(SpecProgress.GroupState.SUCCEEDED)),
            new Case("a group already cancelled is refused", s -> {
                begun(s);
                applied(s, ((SpecProgress.CancelDecision.Cancelled) s.cancel("s:b", "bob", "", T)).events());
            }, "s:b", new SpecProgress.CancelDecision.AlreadyFinal(SpecProgress.GroupState.CANCELLED)),
            new Case("a group blocked by a cancel is refused", s -> {
                begun(s);
                applied(s, ((SpecProgress.CancelDecision.Cancelled) s.cancel("s:c", "bob", "", T)).events());
            }, "s:d", new SpecProgress.CancelDecision.AlreadyFinal(SpecProgress.GroupState.BLOCKED)),
            new Case("a group of another spec is unknown here", SpecProgressCancelTest::begun, "t:0",
                    new SpecProgress.CancelDecision.Unknown()));

    @Test
    void eachCaseDecidesAsItsRowSays() {
        for (Case c : CASES) {
            SpecProgress s = new SpecProgress("s", GRAPH);
            c.before().accept(s);
            assertThat(s.cancel(c.node(), "alice", "stuck", T)).as(c.name()).isEqualTo(c.expected());
        }
    }

    @Test
    void theOutcomeOfTheCancelledNodesSessionIsIgnoredAndItsSiblingsGoOn() {
        SpecProgress s = new SpecProgress("s", GRAPH);
        aSucceeded(s);
        applied(s, ((SpecProgress.CancelDecision.Cancelled) s.cancel("s:c", "alice", "", T)).events());
        assertThat(s.sessionOutcome(new NodeOutcome("s:c", 1, SessionOutcome.CANCELLED, "cancelled"), T))
                .as("not run again, although a cancelled session is otherwise no fault of the node's").isEmpty();
        assertThat(s.sessionOutcome(new NodeOutcome("s:c", 1, SessionOutcome.SUCCEEDED, ""), T))
                .as("a success that crossed the cancel changes nothing").isEmpty();
        List<RunEvent> last = s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.SUCCEEDED, ""), T);
        assertThat(last).containsExactly(new NodeSucceeded("s:b", 1, false, T),
                new SpecFailed("s", List.of("s:c", "s:d"), T));
        applied(s, last);
        assertThat(s.settledForOthers()).isEmpty(); // no other spec depends on these groups
        assertThat(s.state("s:c")).isEqualTo(SpecProgress.GroupState.CANCELLED);
    }

    @Test
    void aRetryReopensACancelledGroupForItsNextAttempt() {
        SpecProgress s = new SpecProgress("s", GRAPH);
        aSucceeded(s);
        applied(s, ((SpecProgress.CancelDecision.Cancelled) s.cancel("s:c", "alice", "", T)).events());
        applied(s, s.sessionOutcome(new NodeOutcome("s:b", 1, SessionOutcome.SUCCEEDED, ""), T));
        assertThat(s.reopen(1, List.of("s:c", "s:d"), T)).containsExactly(
                new NodesReopened("s", 1, List.of("s:c", "s:d"), T), new NodeReady("s:c", 2, 0, T));
    }
}
