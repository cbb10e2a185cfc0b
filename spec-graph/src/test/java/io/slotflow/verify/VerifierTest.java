package io.slotflow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Plan;
import io.slotflow.sim.Simulator;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier can fail: hand-made journals that break each guarantee are caught. */
class VerifierTest {

    // K = 2, review quota 1; a:0 and b:0 write "x"; c:0 depends on spec a
    private static final Plan PLAN = TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofMinutes(1), List.of("x"))
            .spec("b").group("0", Duration.ofMinutes(1), List.of("x"))
            .spec("c", "a").group("0", Duration.ofMinutes(1), List.of("y"))
            .spec("d").group("0", Duration.ofMinutes(1), List.of("z"))
            .build();

    private final List<RunEvent> events = new ArrayList<>();
    private int second;

    private Instant tick() {
        return Instant.EPOCH.plusSeconds(second++);
    }

    private VerifierTest plan() {
        events.add(new PlanAccepted("r", PLAN, "", tick()));
        return this;
    }

    private VerifierTest ready(String node, int attempt) {
        events.add(new NodeReady(node, attempt, 0, tick()));
        return this;
    }

    private VerifierTest dispatch(String node, int attempt, int slot, String cls, String... writes) {
        events.add(new NodeDispatched(node, attempt, slot, cls, Footprint.of(List.of(), List.of(writes)),
                Instant.EPOCH, Map.of(), tick(), NodeDispatched.LOCAL));
        return this;
    }

    private VerifierTest borrow(String node, int attempt, int slot, String cls, String... writes) {
        events.add(new NodeDispatched(node, attempt, slot, cls, Footprint.of(List.of(), List.of(writes)),
                Instant.EPOCH, Map.of(), tick(), NodeDispatched.LOCAL, true));
        return this;
    }

    private VerifierTest finish(String node, int attempt, int slot, SessionOutcome outcome) {
        events.add(new SessionFinished(node, attempt, slot, outcome, 0, "", tick()));
        return this;
    }

    /** A session of a git workspace that changed {@code files}. */
    private VerifierTest finishChanging(String node, int slot, String... files) {
        io.slotflow.workspace.Worktree tree = new io.slotflow.workspace.Worktree("/repo", "main", "b", "c", "/w");
        events.add(new SessionFinished(node, 1, slot, SessionOutcome.SUCCEEDED, 0, "", tick(),
                java.util.Optional.of(new io.slotflow.workspace.GitWork(tree, 1, List.of(files), List.of(),
                        io.slotflow.workspace.MergeResult.MERGED, "d", List.of(), 0, 0, ""))));
        return this;
    }

    private VerifierTest succeed(String node, int attempt) {
        events.add(new NodeSucceeded(node, attempt, false, tick()));
        return this;
    }

    private List<Guarantee> broken() {
        return new Verifier().check(events).stream().map(Violation::guarantee).toList();
    }

    @Test
    void aCleanSimulatedRunHasNoViolation() {
        assertThat(new Verifier().check(Simulator.run(PLAN).events())).isEmpty();
    }

    @Test
    void overCapacity() {
        plan().ready("a:0", 1).ready("b:0", 1).ready("d:0", 1)
                .dispatch("a:0", 1, 0, "implementation", "p").dispatch("b:0", 1, 1, "implementation", "q")
                .dispatch("d:0", 1, 1, "implementation", "z");
        assertThat(broken()).contains(Guarantee.CAPACITY);
    }

    @Test
    void aGitSessionWritingOutsideItsDeclaredWritesAndTwoChangingOneFileAtOnce() {
        plan().ready("a:0", 1).ready("d:0", 1).ready("c:0", 1)
                .dispatch("a:0", 1, 0, "implementation", "x").dispatch("d:0", 1, 1, "implementation", "z")
                .finishChanging("a:0", 0, "x/in.txt", "x", "shared.txt").succeed("a:0", 1)
                .finishChanging("d:0", 1, "z/ok.txt", "shared.txt").succeed("d:0", 1)
                // after both: changing shared.txt again is no overlap
                .dispatch("c:0", 1, 0, "implementation", "y").finishChanging("c:0", 0, "y/1", "shared.txt");
        assertThat(new Verifier().check(events)).filteredOn(v -> v.guarantee() == Guarantee.DECLARED_WRITES)
                .extracting(Violation::message).containsExactly(
                        "a:0 attempt 1 changed shared.txt, outside its declared writes [x]",
                        "d:0 attempt 1 changed shared.txt, outside its declared writes [z]",
                        "d:0 and a:0 ran at the same time and both changed shared.txt",
                        "c:0 attempt 1 changed shared.txt, outside its declared writes [y]");
    }

    @Test
    void overQuota() {
        plan().ready("a:0", 1).ready("b:0", 1)
                .dispatch("a:0", 1, 0, "review", "p").dispatch("b:0", 1, 1, "review", "q");
        assertThat(broken()).containsExactly(Guarantee.QUOTA);
    }

    @Test
    void aBorrowedStartBeyondTheQuotaWithNothingHigherReady() {
        plan().ready("a:0", 1).ready("b:0", 1)
                .dispatch("a:0", 1, 0, "review", "p").borrow("b:0", 1, 1, "review", "q");
        assertThat(broken()).isEmpty();
    }

    @Test
    void aBorrowedStartWhileHigherRankedWorkWasReady() {
        // d:0 is implementation work (rank 0), ready and waiting when the review borrows the second slot
        plan().ready("a:0", 1).ready("b:0", 1).ready("d:0", 1)
                .dispatch("a:0", 1, 0, "review", "p").borrow("b:0", 1, 1, "review", "q");
        assertThat(new Verifier().check(events)).singleElement().satisfies(v -> {
            assertThat(v.guarantee()).isEqualTo(Guarantee.QUOTA);
            assertThat(v.message()).contains("while d:0 of higher-ranked class implementation was ready");
        });
    }

    @Test
    void aBorrowedStartInAClassThatNeverBorrows() {
        plan().ready("a:0", 1).ready("b:0", 1)
                .dispatch("a:0", 1, 0, "implementation", "p").borrow("b:0", 1, 1, "implementation", "q");
        assertThat(broken()).containsExactly(Guarantee.QUOTA);
    }

    @Test
    void conflictingFootprintsRunningTogether() {
        plan().ready("a:0", 1).ready("b:0", 1)
                .dispatch("a:0", 1, 0, "implementation", "x").dispatch("b:0", 1, 1, "implementation", "x");
        List<Violation> violations = new Verifier().check(events);
        assertThat(violations).extracting(Violation::guarantee).containsExactly(Guarantee.FOOTPRINT);
        assertThat(violations.get(0).evidence()).containsExactly(3, 4);
        assertThat(violations.get(0).message()).contains("b:0").contains("a:0").contains("token x");
    }

    @Test
    void aCatchAllNodeRunningBesideAnother() {
        plan().ready("a:0", 1).ready("b:0", 1)
                .dispatch("a:0", 1, 0, "implementation").dispatch("b:0", 1, 1, "implementation", "other");
        assertThat(broken()).containsExactly(Guarantee.FOOTPRINT);
    }

    @Test
    void aNodeStartedBeforeItsDependency() {
        plan().ready("c:0", 1).dispatch("c:0", 1, 0, "implementation", "y");
        List<Violation> violations = new Verifier().check(events);
        assertThat(violations).extracting(Violation::guarantee).containsExactly(Guarantee.DEPENDENCIES);
        assertThat(violations.get(0).message()).isEqualTo("c:0 started before its dependency a:0 completed");
    }

    @Test
    void twoFinalOutcomes() {
        plan().ready("a:0", 1).dispatch("a:0", 1, 0, "implementation", "x")
                .finish("a:0", 1, 0, SessionOutcome.SUCCEEDED).succeed("a:0", 1);
        events.add(new NodeFailed("a:0", 1, SessionOutcome.FAILED, "again", tick()));
        assertThat(broken()).containsExactly(Guarantee.FINAL_OUTCOME);
    }

    @Test
    void aNodeLeftWithoutFinalOutcomeInACompletedRun() {
        plan().ready("a:0", 1).dispatch("a:0", 1, 0, "implementation", "x")
                .finish("a:0", 1, 0, SessionOutcome.SUCCEEDED).succeed("a:0", 1);
        events.add(new NodeBlocked("c:0", "a:0", tick()));
        events.add(new RunCompleted(tick()));
        List<Violation> violations = new Verifier().check(events);
        assertThat(violations).extracting(Violation::message)
                .containsExactlyInAnyOrder("b:0 has no final outcome although the run completed",
                        "d:0 has no final outcome although the run completed");
    }

    @Test
    void aSucceededNodeRunAgain() {
        plan().ready("a:0", 1).dispatch("a:0", 1, 0, "implementation", "x")
                .finish("a:0", 1, 0, SessionOutcome.SUCCEEDED).succeed("a:0", 1)
                .ready("a:0", 2).dispatch("a:0", 2, 0, "implementation", "x");
        assertThat(broken()).contains(Guarantee.RUN_AFTER_SUCCESS);
    }

    @Test
    void aSuccessWithoutASession() {
        plan().ready("a:0", 1).succeed("a:0", 1);
        assertThat(broken()).containsExactly(Guarantee.RUN_AFTER_SUCCESS);
    }

    @Test
    void aDispatchOfANodeNotReadyOrIntoATakenSlot() {
        plan().dispatch("a:0", 1, 0, "implementation", "p").ready("b:0", 1).dispatch("b:0", 1, 0, "implementation", "q");
        assertThat(broken()).containsExactly(Guarantee.READY_BEFORE_DISPATCH, Guarantee.READY_BEFORE_DISPATCH);
    }

    @Test
    void aSessionThatOutlivedItsTimeout() {
        plan().ready("a:0", 1).dispatch("a:0", 1, 0, "implementation", "x");
        second += 3 * 3600;
        finish("a:0", 1, 0, SessionOutcome.TIMED_OUT);
        assertThat(broken()).containsExactly(Guarantee.TIMEOUT);
    }
}
