package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.event.NodeCancelled;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunRetried;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SpecFailed;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Plan;
import io.slotflow.testing.TestPlanBuilder;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Journals with an operator's node cancels: what the fold, the run's phase and the verifier make of them. */
class CancelFoldTest {

    private static final Duration M = Duration.ofMinutes(1);
    // spec s: five independent groups, and w waits on r
    static final Plan PLAN = TestPlanBuilder.plan().slots(5)
            .spec("s").group("r", M, List.of("r")).group("d", M, List.of("d")).group("u", M, List.of("u"))
            .group("f", M, List.of("f")).group("ok", M, List.of("ok")).group("w", M, List.of("w"), "r")
            .build();

    private static Instant t(int seconds) {
        return Instant.EPOCH.plusSeconds(seconds);
    }

    private static NodeDispatched dispatched(String node, int slot, int at) {
        String group = node.substring(node.indexOf(':') + 1);
        return new NodeDispatched(node, 1, slot, "implementation", Footprint.of(List.of(), List.of(group)), t(at),
                Map.of(), t(at),
                NodeDispatched.LOCAL);
    }

    private static NodeCancelled cancelled(String node, int attempt, int at) {
        return new NodeCancelled(node, attempt, "alice", "not needed", t(at));
    }

    /** Every way a node can be cancelled, the sessions winding down, the run completing with failures. */
    static List<RunEvent> cancelledRun() {
        List<RunEvent> e = new ArrayList<>();
        e.add(new PlanAccepted("r", PLAN, "d", t(0)));
        for (String g : List.of("r", "d", "u", "f", "ok")) {
            e.add(new NodeReady("s:" + g, 1, 0, t(0)));
        }
        e.add(cancelled("s:w", 0, 1)); // waiting on r
        e.add(cancelled("s:r", 1, 2)); // ready, never dispatched
        e.add(dispatched("s:d", 0, 3));
        e.add(dispatched("s:u", 1, 3));
        e.add(dispatched("s:f", 2, 3));
        e.add(dispatched("s:ok", 3, 3));
        e.add(new SessionStarted("s:u", 1, 1, 41, t(4)));
        e.add(new SessionStarted("s:f", 1, 2, 42, t(4)));
        e.add(new SessionStarted("s:ok", 1, 3, 43, t(4)));
        e.add(cancelled("s:d", 1, 5)); // dispatched, its start not yet reported
        e.add(new SessionStarted("s:d", 1, 0, 40, t(5)));
        e.add(cancelled("s:u", 1, 6)); // running
        e.add(new SessionFinished("s:f", 1, 2, SessionOutcome.CANCELLED, null, "cancelled", t(6)));
        e.add(cancelled("s:f", 1, 7)); // its session's end journaled before its spec journaled the cancel
        e.add(new SessionFinished("s:d", 1, 0, SessionOutcome.CANCELLED, null, "cancelled", t(8)));
        e.add(new SessionFinished("s:u", 1, 1, SessionOutcome.CANCELLED, null, "cancelled", t(8)));
        e.add(new SessionFinished("s:ok", 1, 3, SessionOutcome.SUCCEEDED, 0, "", t(9)));
        e.add(new NodeSucceeded("s:ok", 1, false, t(9)));
        e.add(new SpecFailed("s", List.of("s:r", "s:d", "s:u", "s:f", "s:w"), t(9)));
        e.add(new RunCompleted(t(9)));
        return e;
    }

    /** The cancelled run retried: the cancelled groups wait again. */
    static RunState retriedRun() {
        List<RunEvent> e = new ArrayList<>(cancelledRun());
        List<String> reopened = List.of("s:r", "s:d", "s:u", "s:f", "s:w");
        e.add(new RunRetried(1, reopened, t(100)));
        e.add(new NodesReopened("s", 1, reopened, t(100)));
        return RunState.fold(e);
    }

    @Test
    void aCancelledNodeIsFinalAndTheRunCompletesWithFailures() {
        RunState state = RunState.fold(cancelledRun());
        assertThat(state.count(NodeLifecycle.State.CANCELLED)).isEqualTo(5);
        assertThat(state.node("s:u").orElseThrow().detail()).isEqualTo("cancelled by alice (not needed)");
        assertThat(state.running()).as("every cancelled session's slot is free").isEmpty();
        assertThat(state.allFinal()).isTrue();
        assertThat(RunPhase.of(state)).isEqualTo(RunPhase.COMPLETED_WITH_FAILURES);
        assertThat(RetrySelection.of(state)).isEqualTo(new RetrySelection.Reopen(1,
                List.of("s:r", "s:d", "s:u", "s:f", "s:w")));
    }

    @Test
    void aRetryMakesTheCancelledGroupsWaitAgain() {
        assertThat(retriedRun().count(NodeLifecycle.State.WAITING)).isEqualTo(5);
    }

    @Test
    void theVerifierAcceptsTheCancelsAndTheSessionsThatWoundDown() {
        assertThat(new Verifier().check(cancelledRun())).isEmpty();
    }

    @Test
    void aDispatchAfterTheCancelIsAViolationAndAFoldRefusesIt() {
        List<RunEvent> broken = new ArrayList<>(cancelledRun().subList(0, 8)); // up to the cancel of s:r
        assertThat(broken.get(broken.size() - 1)).isEqualTo(cancelled("s:r", 1, 2));
        broken.add(dispatched("s:r", 4, 3));
        assertThat(new Verifier().check(broken)).anySatisfy(v -> {
            assertThat(v.guarantee()).isEqualTo(Guarantee.CANCEL_HOLDS);
            assertThat(v.message()).contains("s:r attempt 1 was dispatched after an operator cancelled the node");
        });
        assertThatThrownBy(() -> RunState.fold(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node s:r cannot go DISPATCHED from CANCELLED");
    }
}
