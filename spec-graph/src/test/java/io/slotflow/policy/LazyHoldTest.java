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

class LazyHoldTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("a lazy review takes a slot that would otherwise sit idle",
                        Fixture.slots(3).running("x", IMPL, "x").readyLazy("r", REVIEW, "r")),
                        List.of("r"), null, null),
                Arguments.of(Named.of("not while a finished session's follow-ups are on their way",
                        Fixture.slots(3).unsettled().running("x", IMPL, "x").readyLazy("r", REVIEW, "r")),
                        List.of(), "r", "held for an idle slot: a finished session's follow-ups are on their way"),
                Arguments.of(Named.of("higher-class work blocked by a running footprint cannot use the slot: no hold",
                        Fixture.slots(3).running("x", IMPL, "shared").ready("a", IMPL, 0, 0, 0, "shared")
                                .readyLazy("r", REVIEW, "r")),
                        List.of("r"), null, null),
                Arguments.of(Named.of("higher-class work at its quota cannot use the slot: no hold",
                        Fixture.slots(3).quotas(1, 3).running("x", IMPL, "x").ready("a", IMPL, 0, 0, 0, "a")
                                .readyLazy("r", REVIEW, "r")),
                        List.of("r"), "a", "class implementation at its quota of 1"),
                Arguments.of(Named.of("but not a lazy node that would block the waiting work again",
                        Fixture.slots(3).running("x", IMPL, "shared").ready("a", IMPL, 0, 0, 0, "shared")
                                .readyLazy("r", REVIEW, "shared")),
                        List.of(), "r", "held for an idle slot: it would block a of a higher-ranked class"),
                Arguments.of(Named.of("an aged lazy node still yields to higher-class work that could start",
                        Fixture.slots(1).aging(java.time.Duration.ofMinutes(1)).now(10 * 60_000)
                                .readyLazy("r", REVIEW, "r").ready("a", IMPL, 9 * 60_000 + 30_000, 0, 0, "a")),
                        List.of("a"), "r", "held for an idle slot: class implementation has ready work"),
                Arguments.of(Named.of("eager reviews are not held",
                        Fixture.slots(3).unsettled().running("x", IMPL, "x").ready("r", REVIEW, 0, 0, 0, "r")),
                        List.of("r"), null, null),
                Arguments.of(Named.of("higher-class work that starts first leaves the rest to lazy nodes",
                        Fixture.slots(3).ready("a", IMPL, 0, 0, 0, "a").readyLazy("r", REVIEW, "r")),
                        List.of("a", "r"), null, null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lazyHold(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        if (waiting != null) {
            assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
        }
    }
}
