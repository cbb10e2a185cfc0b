package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static io.slotflow.policy.Fixture.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the rules compose: work conservation, filter order, idle slots and wait counts. */
class DispatchPolicyTest {

    @Test
    void aLowerClassBorrowsIdleSlotsWhenNoHigherClassNodeIsReady() {
        Decision d = Fixture.slots(3).quotas(3, 3).ready("r1", REVIEW, 0, 0, 0, "r1").ready("r2", REVIEW, 0, 0, 0, "r2")
                .decide();
        assertThat(Fixture.started(d)).containsExactly("r1", "r2");
        assertThat(d.idleSlots()).isEqualTo(1);
    }

    @Test
    void aLowerClassTakesASlotAHigherClassNodeCannotUse() {
        Snapshot s = Fixture.slots(3).quotas(3, 3).running("x", IMPL, "shared").ready("a", IMPL, 0, 0, 0, "shared")
                .ready("r1", REVIEW, 0, 0, 0, "r1").snapshot();
        Decision d = new DispatchPolicy().decide(s);
        assertThat(Fixture.started(d)).containsExactly("r1");
        assertThat(Fixture.reason(d, s, "a")).isEqualTo("footprint conflict with x");
    }

    @Test
    void theFirstFilterThatObjectsGivesTheReason() {
        // r2 is both over the review quota and in conflict with r1: the quota filter comes first
        Snapshot s = Fixture.slots(3).quotas(3, 1).running("r1", REVIEW, "t").ready("r2", REVIEW, 0, 0, 0, "t")
                .snapshot();
        assertThat(Fixture.reason(new DispatchPolicy().decide(s), s, "r2")).isEqualTo("class review at its quota of 1");
    }

    @Test
    void waitCountsCoverNodesThePolicyDidNotVisit() {
        Fixture f = Fixture.slots(2);
        for (int i = 0; i < 10; i++) {
            f.ready("a" + i, IMPL, 0, 0, 0, "a" + i);
        }
        f.ready("r", REVIEW, 0, 0, 0, "r");
        Decision d = f.decide();
        assertThat(d.starts()).hasSize(2);
        assertThat(d.waitingByKind(IMPL)).isEqualTo(Map.of(WaitKind.NO_FREE_SLOT, 8));
        assertThat(d.waitingByKind(REVIEW)).isEqualTo(Map.of(WaitKind.NO_FREE_SLOT, 1));
        assertThat(d.examined()).isEmpty();
    }

    @Test
    void aClassAtItsQuotaIsNotVisitedFurther() {
        Fixture f = Fixture.slots(3).quotas(3, 1);
        for (int i = 0; i < 100; i++) {
            f.ready("r" + i, REVIEW, 0, 0, 0, "r" + i);
        }
        Snapshot s = f.snapshot();
        Decision d = new DispatchPolicy().decide(s);
        assertThat(Fixture.started(d)).containsExactly("r0");
        assertThat(d.examined()).isEmpty();
        assertThat(d.waitingByKind(REVIEW)).isEqualTo(Map.of(WaitKind.CLASS_QUOTA, 99));
        assertThat(Fixture.reason(d, s, "r57")).isEqualTo("class review at its quota of 1");
        assertThat(d.idleSlots()).isEqualTo(2);
    }

    @Test
    void theSameSnapshotGivesTheSameDecision() {
        Fixture f = Fixture.slots(4).quotas(4, 2);
        for (int i = 0; i < 30; i++) {
            f.ready("n" + i, i % 3 == 0 ? REVIEW : IMPL, i % 5, i % 7, i % 4, "t" + (i % 6));
        }
        Snapshot s = f.snapshot();
        List<String> first = Fixture.started(new DispatchPolicy().decide(s));
        List<String> second = Fixture.started(new DispatchPolicy().decide(s));
        assertThat(second).isEqualTo(first).isNotEmpty();
    }
}
