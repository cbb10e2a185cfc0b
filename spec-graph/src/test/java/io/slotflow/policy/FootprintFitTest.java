package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FootprintFitTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("two writers of one token conflict",
                        Fixture.slots(3).running("x", IMPL, "src/a").ready("a", IMPL, 0, 0, 0, "src/a")),
                        List.of(), "a", "footprint conflict with x"),
                Arguments.of(Named.of("a writer and a reader conflict",
                        Fixture.slots(3).runningReading("x", IMPL, "src/a").ready("a", IMPL, 0, 0, 0, "src/a")),
                        List.of(), "a", "footprint conflict with x"),
                Arguments.of(Named.of("a reader waits for a writer",
                        Fixture.slots(3).running("x", IMPL, "src/a").readyReading("a", IMPL, "src/a")),
                        List.of(), "a", "footprint conflict with x"),
                Arguments.of(Named.of("readers share a token",
                        Fixture.slots(3).runningReading("x", IMPL, "src/a").readyReading("a", IMPL, "src/a")),
                        List.of("a"), null, null),
                Arguments.of(Named.of("a node without footprint runs alone",
                        Fixture.slots(3).running("x", IMPL, "src/a").ready("a", IMPL, 0, 0, 0)),
                        List.of(), "a", "footprint conflict with x"),
                Arguments.of(Named.of("nothing runs beside a node without footprint",
                        Fixture.slots(3).running("x", IMPL).ready("a", IMPL, 0, 0, 0, "src/a")),
                        List.of(), "a", "footprint conflict with x"),
                Arguments.of(Named.of("a node started in the same decision holds its tokens",
                        Fixture.slots(3).ready("a", IMPL, 0, 0, 0, "lock:parser").ready("b", IMPL, 0, 0, 0, "lock:parser")
                                .ready("c", IMPL, 0, 0, 0, "src/c")),
                        List.of("a", "c"), "b", "footprint conflict with a"),
                Arguments.of(Named.of("distinct tokens run together",
                        Fixture.slots(3).running("x", IMPL, "src/x").ready("a", IMPL, 0, 0, 0, "src/a")),
                        List.of("a"), null, null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void footprintFit(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        if (waiting != null) {
            assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
        }
    }
}
