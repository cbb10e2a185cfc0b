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

    private static final long NOW = 1_000_000;

    static Stream<Arguments> backfillCases() {
        return Stream.of(
                Arguments.of(Named.of("at its quota, a review borrows a slot nothing else can use",
                        Fixture.slots(3).quotas(3, 1).backfill().runningUntil("r0", REVIEW, NOW + 1000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 500, "r1")),
                        List.of("r1"), List.of("r1"), null, null),
                Arguments.of(Named.of("when nothing higher can ever come, however long it runs",
                        Fixture.slots(3).quotas(3, 1).backfill().runningUntil("r0", REVIEW, NOW + 1000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 3_600_000, "r1").readyFor("r2", REVIEW, 3_600_000, "r2")),
                        List.of("r1", "r2"), List.of("r1", "r2"), null, null),
                Arguments.of(Named.of("a class that never borrows keeps to its quota",
                        Fixture.slots(3).quotas(3, 1).runningUntil("r0", REVIEW, NOW + 1000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 500, "r1")),
                        List.of(), List.of(), "r1", "class review at its quota of 1"),
                Arguments.of(Named.of("not while higher-ranked work is ready, even work that cannot start",
                        Fixture.slots(3).quotas(3, 1).backfill().running("x", IMPL, "shared")
                                .ready("a", IMPL, 0, 0, 0, "shared").running("r0", REVIEW, "r0")
                                .readyFor("r1", REVIEW, 500, "r1")),
                        List.of(), List.of(), "r1",
                        "class review at its quota of 1, no slot lent: higher-ranked work is ready"),
                Arguments.of(Named.of("not while a finished session's follow-ups are on their way",
                        Fixture.slots(3).quotas(3, 1).backfill().unsettled().running("r0", REVIEW, "r0")
                                .readyFor("r1", REVIEW, 500, "r1")),
                        List.of(), List.of(), "r1",
                        "class review at its quota of 1, no slot lent: a finished session's follow-ups are on their way"),
                Arguments.of(Named.of("not when it would still run once a fan-out of implementation work needs the slot",
                        Fixture.slots(3).quotas(3, 1).backfill()
                                .runningUntil("x", IMPL, NOW + 1000, List.of(IMPL, IMPL), "x")
                                .runningUntil("r0", REVIEW, NOW + 5000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 2000, "r1")),
                        List.of(), List.of(), "r1",
                        "class review at its quota of 1, no slot lent: higher-ranked work is due before it would end"),
                Arguments.of(Named.of("a review short enough to end before the fan-out borrows the slot",
                        Fixture.slots(3).quotas(3, 1).backfill()
                                .runningUntil("x", IMPL, NOW + 1000, List.of(IMPL, IMPL), "x")
                                .runningUntil("r0", REVIEW, NOW + 5000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 2000, "r1").readyFor("r2", REVIEW, 800, "r2")),
                        List.of("r2"), List.of("r2"), "r1",
                        "class review at its quota of 1, no slot lent: higher-ranked work is due before it would end"),
                Arguments.of(Named.of("a chain's next group takes its predecessor's slot: no need for the lent one",
                        Fixture.slots(3).quotas(3, 1).backfill()
                                .runningUntil("x", IMPL, NOW + 1000, List.of(IMPL), "x")
                                .runningUntil("r0", REVIEW, NOW + 5000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 2000, "r1")),
                        List.of("r1"), List.of("r1"), null, null),
                Arguments.of(Named.of("a session past its estimate may end at any moment: its fan-out is due now",
                        Fixture.slots(3).quotas(3, 1).backfill()
                                .runningUntil("x", IMPL, NOW - 1000, List.of(IMPL, IMPL), "x")
                                .runningUntil("r0", REVIEW, NOW + 5000, List.of(), "r0")
                                .readyFor("r1", REVIEW, 1, "r1")),
                        List.of(), List.of(), "r1",
                        "class review at its quota of 1, no slot lent: higher-ranked work is due before it would end"),
                Arguments.of(Named.of("within its quota a start is not a loan",
                        Fixture.slots(3).quotas(3, 1).backfill().readyFor("r1", REVIEW, 500, "r1")
                                .readyFor("r2", REVIEW, 500, "r2")),
                        List.of("r1", "r2"), List.of("r2"), null, null));
    }

    @ParameterizedTest
    @MethodSource("backfillCases")
    void backfill(Fixture fixture, List<String> expectedStarts, List<String> expectedBorrowed, String waiting,
            String expectedReason) {
        Snapshot snapshot = fixture.now(NOW).snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        assertThat(Fixture.started(decision).stream().filter(decision::borrowed).toList())
                .containsExactlyElementsOf(expectedBorrowed);
        if (waiting != null) {
            assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
        }
    }
}
