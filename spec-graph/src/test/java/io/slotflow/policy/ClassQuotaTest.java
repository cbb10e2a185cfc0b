package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static io.slotflow.policy.Fixture.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassQuotaTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("a class never holds more than its quota, even with free slots",
                        Fixture.slots(3).quotas(3, 1).ready("r1", REVIEW, 0, 0, 0, "r1")
                                .ready("r2", REVIEW, 0, 0, 0, "r2").ready("r3", REVIEW, 0, 0, 0, "r3")),
                        List.of("r1"), "r2", "class review at its quota of 1"),
                Arguments.of(Named.of("running nodes count against the quota",
                        Fixture.slots(3).quotas(3, 1).running("r0", REVIEW, "r0").ready("r1", REVIEW, 0, 0, 0, "r1")),
                        List.of(), "r1", "class review at its quota of 1"),
                Arguments.of(Named.of("one class at its quota leaves the slots to the others",
                        Fixture.slots(3).quotas(3, 1).running("r0", REVIEW, "r0").ready("r1", REVIEW, 0, 0, 0, "r1")
                                .ready("a", IMPL, 0, 0, 0, "a").ready("b", IMPL, 0, 0, 0, "b")),
                        // once the slots are full the free-slot filter objects first
                        List.of("a", "b"), "r1", "no free slot"),
                Arguments.of(Named.of("implementation quota below K keeps a slot for others",
                        Fixture.slots(3).quotas(2, 3).ready("a", IMPL, 0, 0, 0, "a").ready("b", IMPL, 0, 0, 0, "b")
                                .ready("c", IMPL, 0, 0, 0, "c").ready("r1", REVIEW, 0, 0, 0, "r1")),
                        List.of("a", "b", "r1"), "c", "class implementation at its quota of 2"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classQuota(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
    }
}
