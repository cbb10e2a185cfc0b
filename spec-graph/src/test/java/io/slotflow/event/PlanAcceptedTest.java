package io.slotflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanDigest;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanAcceptedTest {

    private static final Plan PLAN = TestPlanBuilder.plan().slots(2).spec("a").group("g", java.time.Duration.ofMinutes(1), java.util.List.of("src/a")).build();
    private static final Plan OTHER = TestPlanBuilder.plan().slots(3).spec("a").group("g", java.time.Duration.ofMinutes(1), java.util.List.of("src/a")).build();

    @Test
    void aRunStartedFromThePlanItsDigestNames() {
        PlanAccepted accepted = new PlanAccepted("r", PLAN, PlanDigest.of(PLAN), Instant.EPOCH);
        assertThat(accepted.startedFrom(PlanDigest.of(PLAN))).isTrue();
        assertThat(accepted.startedFrom(PlanDigest.of(OTHER))).isFalse();
    }

    /** An older Slotflow fingerprinted the same plan without the keys added since: the journaled plan decides. */
    @Test
    void aDigestAnOlderVersionJournaledStillMatchesTheSamePlan() {
        PlanAccepted byAnOlderVersion = new PlanAccepted("r", PLAN, "0f".repeat(32), Instant.EPOCH);
        assertThat(byAnOlderVersion.startedFrom(PlanDigest.of(PLAN))).isTrue();
        assertThat(byAnOlderVersion.startedFrom(PlanDigest.of(OTHER))).isFalse();
    }
}
