package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FreeSlotTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("rolling fills every free slot at once",
                        Fixture.slots(3).ready("a", IMPL, 0, 0, 0, "a").ready("b", IMPL, 0, 0, 0, "b")
                                .ready("c", IMPL, 0, 0, 0, "c").ready("d", IMPL, 0, 0, 0, "d")),
                        List.of("a", "b", "c"), "d", "no free slot"),
                Arguments.of(Named.of("no free slot: nothing starts",
                        Fixture.slots(2).running("x", IMPL, "x").running("y", IMPL, "y")
                                .ready("a", IMPL, 0, 0, 0, "a")),
                        List.of(), "a", "no free slot"),
                Arguments.of(Named.of("one freed slot takes one node",
                        Fixture.slots(2).running("x", IMPL, "x").ready("a", IMPL, 0, 0, 0, "a")
                                .ready("b", IMPL, 0, 0, 0, "b")),
                        List.of("a"), "b", "no free slot"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void freeSlot(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
    }
}
