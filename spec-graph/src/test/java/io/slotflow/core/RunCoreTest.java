package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunInterrupted;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run core's step, one input at a time: what it persists and what it asks the shell to do. */
class RunCoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String HOST = NodeDispatched.LOCAL;
    private static final Input.Flush FLUSH = new Input.Flush(Map.of(HOST, 2));

    /** Two specs of two independent groups each, on K = 2. */
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("a0")).group("1", Duration.ofMinutes(1), List.of("a1"))
            .spec("b").group("0", Duration.ofMinutes(1), List.of("b0"))
            .build());

    private RunCore core = new RunCore("r", GRAPH, "digest");

    /** Handles an input and folds its events, as the shell does once they are persisted. */
    private Step step(Input input) {
        Step step = core.handle(input, T0);
        step.events().forEach(core::apply);
        return step;
    }

    private static Input.NodesReady ready(String... nodes) {
        return new Input.NodesReady(java.util.Arrays.stream(nodes).map(n -> new ReadyNode(GRAPH.group(n), 1, T0))
                .toList());
    }

    private void everyOwnerAnnounced() {
        GRAPH.specIds().forEach(s -> step(new Input.Announced(new Owner.Spec(s))));
        step(new Input.Announced(Owner.Injector.INSTANCE));
    }

    /** A new run that has begun, heard every owner, and started {@code nodes}. */
    private void running(String... nodes) {
        step(new Input.Start(Set.of(HOST)));
        everyOwnerAnnounced();
        step(ready(nodes));
        step(FLUSH);
        for (String n : nodes) {
            assertThat(core.board().runningNode(n)).as(n).isPresent();
        }
    }

    private static Input.SessionEnded ended(String node, SessionOutcome outcome) {
        return new Input.SessionEnded(new SessionKey(node, 1), outcome, 0, "", T0, HOST);
    }

    @Test
    void aNewRunPersistsItsPlanBeginsAndAwaitsTheOwners() {
        Step step = step(new Input.Start(Set.of(HOST)));
        assertThat(step.events()).singleElement().isInstanceOf(PlanAccepted.class);
        assertThat(step.actions()).containsExactly(new Action.Begun(false), Action.ArmSettleTimer.INSTANCE,
                Action.FlushSoon.INSTANCE);
    }

    @Test
    void aRunStartedFromAnotherPlanIsRefused() {
        step(new Input.Start(Set.of(HOST)));
        core = resumed(new RunCore("r", GRAPH, "another digest"));
        Step step = step(new Input.Start(Set.of(HOST)));
        assertThat(step.events()).isEmpty();
        assertThat(step.actions()).singleElement().isInstanceOf(Action.Refused.class);
    }

    /** A fresh core that recovered the events the current one persisted. */
    private RunCore resumed(RunCore fresh) {
        List<RunEvent> journal = new java.util.ArrayList<>();
        core.board().plan().ifPresent(journal::add);
        core.board().running().forEach(s -> journal.add(new NodeDispatched(s.node(), s.attempt(), s.slot(),
                s.workClass(), s.footprint(), T0, Map.of(), T0, s.host())));
        journal.forEach(fresh::apply);
        return fresh;
    }

    @Test
    void noDecisionIsTakenUntilEveryOwnerMadeItsFirstAnnouncement() {
        step(new Input.Start(Set.of(HOST)));
        step(ready("a:0", "a:1"));
        assertThat(step(FLUSH).events()).isEmpty();
        step(new Input.Announced(new Owner.Spec("a")));
        step(new Input.Announced(new Owner.Spec("b")));
        assertThat(step(FLUSH).events()).isEmpty();
        assertThat(step(new Input.Announced(Owner.Injector.INSTANCE)).actions())
                .contains(Action.FlushSoon.INSTANCE, Action.DisarmSettleTimer.INSTANCE);
        assertThat(step(FLUSH).actions()).filteredOn(a -> a instanceof Action.StartSession).hasSize(2);
    }

    @Test
    void aSettleTimeoutStopsWaitingForSilentOwners() {
        step(new Input.Start(Set.of(HOST)));
        step(ready("a:0"));
        step(Input.SettleTimedOut.INSTANCE);
        assertThat(step(FLUSH).events()).singleElement().isInstanceOf(NodeDispatched.class);
    }

    @Test
    void aSessionEndIsRecordedOnceAndToldToItsOwnerWithAFollowUp() {
        running("a:0");
        assertThat(step(ended("a:0", SessionOutcome.SUCCEEDED)).actions()).containsExactly(Action.FlushSoon.INSTANCE);
        assertThat(step(ended("a:0", SessionOutcome.SUCCEEDED)).events()).isEmpty();
        Step flush = step(FLUSH);
        assertThat(flush.events()).singleElement().isInstanceOf(SessionFinished.class);
        SessionKey key = new SessionKey("a:0", 1);
        assertThat(flush.actions()).containsExactly(new Action.AckEnd(HOST, key),
                new Action.ToOwner(new Owner.Spec("a"), new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""),
                        Optional.of(FollowUp.of(key))),
                Action.ArmSettleTimer.INSTANCE);
        assertThat(core.isQuiet()).isFalse();
        // reported again after it was recorded: acknowledged again, nothing recorded
        Step again = step(ended("a:0", SessionOutcome.SUCCEEDED));
        assertThat(again.events()).isEmpty();
        assertThat(again.actions()).containsExactly(new Action.AckEnd(HOST, key));
    }

    @Test
    void driftIsJournaledForTheAttemptThatRunsOnlyOnceItsStartIsAndNotAfterItEnded() {
        running("a:0");
        io.slotflow.workspace.Drift drift = new io.slotflow.workspace.Drift("main", "b4", "t1", List.of("x.txt"));
        SessionKey key = new SessionKey("a:0", 1);
        assertThat(step(new Input.SessionDrifted(key, drift, T0)).events()).as("its start is not journaled yet")
                .isEmpty();
        step(new Input.SessionRunning(key, 42, T0));
        step(FLUSH);
        assertThat(step(new Input.SessionDrifted(new SessionKey("a:0", 2), drift, T0)).events())
                .as("another attempt").isEmpty();
        assertThat(step(new Input.SessionDrifted(key, drift, T0)).events()).containsExactly(
                new io.slotflow.event.DriftSeen("a:0", 1, "main", "b4", "t1", List.of("x.txt"), T0));
        step(ended("a:0", SessionOutcome.SUCCEEDED));
        step(FLUSH);
        assertThat(step(new Input.SessionDrifted(key, drift, T0)).events()).as("a late report").isEmpty();
    }

    @Test
    void aRepeatedAnnouncementOfAFinishedAttemptIsAnsweredWithItsOutcomeAndNoFollowUp() {
        running("a:0");
        step(ended("a:0", SessionOutcome.FAILED));
        step(FLUSH);
        Step step = step(ready("a:0"));
        assertThat(step.actions()).contains(new Action.ToOwner(new Owner.Spec("a"),
                new NodeOutcome("a:0", 1, SessionOutcome.FAILED, ""), Optional.empty()));
        assertThat(core.queue().size()).isZero();
    }

    @Test
    void theRunIsQuietOnlyOnceEveryFollowUpSettledInWhateverOrderTheyArrive() {
        running("a:0");
        step(ended("a:0", SessionOutcome.SUCCEEDED));
        step(FLUSH);
        FollowUp outcome = FollowUp.of(new SessionKey("a:0", 1));
        FollowUp toDependent = outcome.then("spec b");
        // the dependent's settlement overtakes its cause's
        assertThat(step(new Input.Settled(toDependent, List.of())).actions()).isEmpty();
        assertThat(core.isQuiet()).isFalse();
        assertThat(step(new Input.Settled(outcome, List.of(toDependent))).actions())
                .contains(Action.DisarmSettleTimer.INSTANCE);
        assertThat(core.isQuiet()).isTrue();
    }

    @Test
    void theRunCompletesWhenAllSettledAndNothingRunsOrWaits() {
        running("a:0");
        step(new Input.AllSettled(GRAPH.specIds().size()));
        assertThat(step(FLUSH).events()).isEmpty();
        step(ended("a:0", SessionOutcome.SUCCEEDED));
        assertThat(step(FLUSH).events()).singleElement().isInstanceOf(SessionFinished.class);
        Step last = step(FLUSH);
        assertThat(last.events()).singleElement().isInstanceOf(RunCompleted.class);
        assertThat(last.actions()).contains(Action.Completed.INSTANCE);
    }

    @Test
    void anInterruptCancelsTheSessionsAndReportsOnceNoneRuns() {
        running("a:0");
        Step interrupt = step(new Input.Interrupt("stop", true));
        assertThat(interrupt.events()).singleElement().isInstanceOf(RunInterrupted.class);
        assertThat(interrupt.actions()).containsExactly(Action.CancelSessions.INSTANCE);
        step(ready("a:1"));
        step(ended("a:0", SessionOutcome.CANCELLED));
        Step flush = step(FLUSH);
        assertThat(flush.events()).singleElement().isInstanceOf(SessionFinished.class);
        assertThat(flush.actions()).contains(Action.Interrupted.INSTANCE);
    }

    @Test
    void aResumeHearsEveryHostAndRecordsLostWhatNoneRuns() {
        running("a:0", "a:1");
        core = resumed(new RunCore("r", GRAPH, "digest"));
        Step start = step(new Input.Start(Set.of(HOST, "other")));
        assertThat(start.events()).isEmpty();
        assertThat(start.actions()).containsExactly(Action.AskHosts.INSTANCE);
        assertThat(step(new Input.LiveSessions(HOST, Set.of(new SessionKey("a:1", 1)), List.of())).events()).isEmpty();
        Step resumed = step(new Input.HostsGone(Set.of("other")));
        assertThat(resumed.events()).hasSize(2);
        assertThat(resumed.events().get(0)).isInstanceOf(RunResumed.class);
        assertThat(resumed.events().get(1)).isInstanceOfSatisfying(SessionFinished.class, f -> {
            assertThat(f.node()).isEqualTo("a:0");
            assertThat(f.outcome()).isEqualTo(SessionOutcome.LOST);
        });
        assertThat(resumed.actions()).contains(new Action.Begun(true));
        assertThat(core.board().running()).extracting(s -> s.node()).containsExactly("a:1");
    }

    @Test
    void aResumeRecordsLostTheSessionsOfAHostItDidNotAskOnlyOnceThatHostIsFenced() {
        running("a:0", "a:1");
        core = resumed(new RunCore("r", GRAPH, "digest"));
        step(new Input.Start(Set.of("other"))); // the sessions' host is not among the hosts known now
        Step resumed = step(new Input.LiveSessions("other", Set.of(), List.of()));
        assertThat(resumed.events()).singleElement().isInstanceOf(RunResumed.class);
        assertThat(resumed.actions()).contains(new Action.FenceHosts(Set.of(HOST)));
        assertThat(core.board().running()).extracting(s -> s.node()).containsExactlyInAnyOrder("a:0", "a:1");
        assertThat(step(new Input.HostsGone(Set.of(HOST))).events()).isEmpty();
        assertThat(step(FLUSH).events()).filteredOn(e -> e instanceof SessionFinished f
                && f.outcome() == SessionOutcome.LOST).hasSize(2);
        assertThat(core.board().running()).isEmpty();
    }

    @Test
    void sessionsOfAHostThatLeftAreLost() {
        running("a:0");
        assertThat(step(new Input.HostsGone(Set.of(HOST))).events()).isEmpty();
        assertThat(step(FLUSH).events()).filteredOn(e -> e instanceof SessionFinished f
                && f.outcome() == SessionOutcome.LOST).hasSize(1);
    }

    @Test
    void aRetryOfAFinishedRunIsJournaledAndItsOwnersReopenBeforeTheyStart() {
        core.apply(new PlanAccepted("r", GRAPH.plan(), "digest", T0));
        core.apply(new io.slotflow.event.RunCompleted(T0));
        var retry = java.util.Optional.of(new io.slotflow.state.RetrySelection.Reopen(1, List.of("a:1", "b:0")));
        Step step = step(new Input.Start(Set.of(HOST), retry));
        assertThat(step.events()).containsExactly(new io.slotflow.event.RunRetried(1, List.of("a:1", "b:0"), T0));
        Step resumed = step(new Input.LiveSessions(HOST, Set.of(), List.of()));
        assertThat(resumed.actions()).doesNotContain(Action.Completed.INSTANCE);
        List<Action> reopenThenBegin = resumed.actions().stream()
                .filter(a -> a instanceof Action.Reopen || a instanceof Action.Begun).toList();
        assertThat(reopenThenBegin).containsExactly(
                new Action.Reopen(new Owner.Spec("a"), 1, List.of("a:1")),
                new Action.Reopen(new Owner.Spec("b"), 1, List.of("b:0")),
                new Action.Begun(true));
        assertThat(core.board().isCompleted()).isFalse();

        // a resume after a crash (the same round: nothing new) tells the owners again
        core = new RunCore("r", GRAPH, "digest");
        core.apply(new PlanAccepted("r", GRAPH.plan(), "digest", T0));
        step.events().forEach(core::apply);
        assertThat(step(new Input.Start(Set.of(HOST), retry)).events()).isEmpty();
        assertThat(step(new Input.LiveSessions(HOST, Set.of(), List.of())).actions())
                .contains(new Action.Reopen(new Owner.Spec("a"), 1, List.of("a:1")));
        core.apply(new io.slotflow.event.RunCompleted(T0));
        var second = java.util.Optional.of(new io.slotflow.state.RetrySelection.Reopen(2, List.of("a:1")));
        assertThat(step(new Input.Start(Set.of(HOST), second)).events().get(0))
                .isEqualTo(new io.slotflow.event.RunRetried(2, List.of("a:1"), T0));
    }

    @Test
    void aRetryOfARunThatHasNotFinishedIsRefused() {
        core.apply(new PlanAccepted("r", GRAPH.plan(), "digest", T0));
        Step step = step(new Input.Start(Set.of(HOST),
                java.util.Optional.of(new io.slotflow.state.RetrySelection.Reopen(1, List.of("a:1")))));
        assertThat(step.events()).isEmpty();
        assertThat(step.actions()).singleElement().isInstanceOf(Action.Refused.class);
    }
}
