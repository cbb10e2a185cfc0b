package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
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
import io.slotflow.event.SpecCompleted;
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

/** A finished run retried: what the fold, the retry selection and the verifier make of its journal. */
class RetryFoldTest {

    private static final Duration M = Duration.ofMinutes(1);
    // spec s: a → b; one attempt per group
    static final Plan PLAN = TestPlanBuilder.plan()
            .spec("s").group("a", M, List.of("x")).group("b", M, List.of("y"), "a")
            .build();

    private static Instant t(int seconds) {
        return Instant.EPOCH.plusSeconds(seconds);
    }

    private static List<RunEvent> session(String node, int attempt, SessionOutcome outcome, int at) {
        return List.of(new NodeDispatched(node, attempt, 0, "implementation", Footprint.catchAll(), t(at), Map.of(),
                        t(at), NodeDispatched.LOCAL),
                new SessionStarted(node, attempt, 0, 42, t(at)),
                new SessionFinished(node, attempt, 0, outcome, outcome.isSuccess() ? 0 : 1, "", t(at + 1)));
    }

    /** Up to the end of the first, failed run. */
    static List<RunEvent> failedRun() {
        List<RunEvent> events = new ArrayList<>();
        events.add(new PlanAccepted("r", PLAN, "d", t(0)));
        events.add(new NodeReady("s:a", 1, 0, t(0)));
        events.addAll(session("s:a", 1, SessionOutcome.FAILED, 0));
        events.add(new NodeFailed("s:a", 1, SessionOutcome.FAILED, "failed (exit 1)", t(1)));
        events.add(new NodeBlocked("s:b", "s:a", t(1)));
        events.add(new SpecFailed("s", List.of("s:a", "s:b"), t(1)));
        events.add(new RunCompleted(t(1)));
        return events;
    }

    static List<RunEvent> retriedJournal() {
        List<RunEvent> events = new ArrayList<>(failedRun());
        events.add(new RunRetried(1, List.of("s:a", "s:b"), t(100)));
        events.add(new NodesReopened("s", 1, List.of("s:a", "s:b"), t(100)));
        events.add(new NodeReady("s:a", 2, 0, t(100)));
        events.addAll(session("s:a", 2, SessionOutcome.SUCCEEDED, 100));
        events.add(new NodeSucceeded("s:a", 2, false, t(101)));
        events.add(new NodeReady("s:b", 1, 0, t(101)));
        events.addAll(session("s:b", 1, SessionOutcome.SUCCEEDED, 101));
        events.add(new NodeSucceeded("s:b", 1, false, t(102)));
        events.add(new SpecCompleted("s", t(102)));
        events.add(new RunCompleted(t(102)));
        return events;
    }

    static RunState retriedRun() {
        return RunState.fold(retriedJournal());
    }

    @Test
    void aFinishedRunWithFailedWorkSelectsItsFailedAndBlockedGroups() {
        assertThat(RetrySelection.of(RunState.fold(failedRun())))
                .isEqualTo(new RetrySelection.Reopen(1, List.of("s:a", "s:b")));
    }

    @Test
    void aRunStillGoingOrWithoutFailuresIsRefused() {
        List<RunEvent> unfinished = failedRun().subList(0, 4);
        assertThat(RetrySelection.of(RunState.fold(unfinished))).isInstanceOf(RetrySelection.Refused.class)
                .extracting(r -> ((RetrySelection.Refused) r).reason()).asString().contains("has not finished");
        assertThat(RetrySelection.of(retriedRun())).isInstanceOf(RetrySelection.Refused.class)
                .extracting(r -> ((RetrySelection.Refused) r).reason()).asString()
                .contains("no failed, timed-out or blocked group");
    }

    @Test
    void aRetryStoppedBeforeItFinishedGoesOn() {
        RunState stopped = RunState.fold(retriedJournal().subList(0, failedRun().size() + 3));
        assertThat(RetrySelection.of(stopped)).isEqualTo(new RetrySelection.Reopen(1, List.of("s:a", "s:b")));
        assertThat(RetrySelection.underWay(retriedRun())).as("finished again").isEmpty();
    }

    @Test
    void theRetriedRunFoldsToSuccessAndIsActiveBetween() {
        RunState between = RunState.fold(retriedJournal().subList(0, failedRun().size() + 2));
        assertThat(between.isCompleted()).isFalse();
        assertThat(between.node("s:a").orElseThrow().state()).isEqualTo(NodeLifecycle.State.WAITING);
        assertThat(between.specs().get("s")).isEqualTo(RunState.SpecStatus.ACTIVE);

        RunState after = retriedRun();
        assertThat(after.isCompleted()).isTrue();
        assertThat(after.count(NodeLifecycle.State.SUCCEEDED)).isEqualTo(2);
        assertThat(after.specs().get("s")).isEqualTo(RunState.SpecStatus.COMPLETED);
    }

    @Test
    void theVerifierAcceptsASecondFinalOutcomeOnlyAfterAReopen() {
        assertThat(new Verifier().check(retriedJournal())).isEmpty();

        List<RunEvent> withoutReopen = new ArrayList<>(retriedJournal());
        withoutReopen.removeIf(e -> e instanceof NodesReopened);
        // the fold would refuse this journal; the verifier reports it
        assertThat(new Verifier().check(withoutReopen)).anyMatch(v -> v.guarantee() == Guarantee.FINAL_OUTCOME
                && v.message().contains("second final outcome"));

        List<RunEvent> reopenedTooEarly = new ArrayList<>(failedRun().subList(0, 2));
        reopenedTooEarly.add(new NodesReopened("s", 1, List.of("s:a"), t(1)));
        assertThat(new Verifier().check(reopenedTooEarly)).anyMatch(v -> v.guarantee() == Guarantee.FINAL_OUTCOME
                && v.message().contains("reopened for a retry without a final outcome"));
    }
}
