package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaveGateTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("wave: nothing starts while one member of the wave runs",
                        Fixture.slots(3).wave().running("x", IMPL, "x")
                                .ready("a", IMPL, 0, 0, 0, "a").ready("b", IMPL, 0, 0, 0, "b")),
                        List.of(), "a", "waiting for the wave to end"),
                Arguments.of(Named.of("wave: a new wave fills every slot once all are empty",
                        Fixture.slots(2).wave().ready("a", IMPL, 0, 0, 0, "a").ready("b", IMPL, 0, 0, 0, "b")
                                .ready("c", IMPL, 0, 0, 0, "c")),
                        List.of("a", "b"), "c", "no free slot"),
                Arguments.of(Named.of("rolling: a free slot is refilled while others run",
                        Fixture.slots(3).running("x", IMPL, "x").ready("a", IMPL, 0, 0, 0, "a")
                                .ready("b", IMPL, 0, 0, 0, "b").ready("c", IMPL, 0, 0, 0, "c")),
                        List.of("a", "b"), "c", "no free slot"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void waveGate(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
    }
}
