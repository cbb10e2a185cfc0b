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

class ClassReserveTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("a class with ready work keeps its reserve free",
                        // "a" is ready but blocked by x's footprint: one of the two free slots stays for it
                        Fixture.slots(3).reserves(2, 0).running("x", IMPL, "shared")
                                .ready("a", IMPL, 0, 0, 0, "shared")
                                .ready("r1", REVIEW, 0, 0, 0, "r1").ready("r2", REVIEW, 0, 0, 0, "r2")),
                        List.of("r1"), "r2", "free slot reserved for class implementation"),
                Arguments.of(Named.of("no ready work, no reserve: other classes borrow every slot",
                        Fixture.slots(3).reserves(2, 0).ready("r1", REVIEW, 0, 0, 0, "r1")
                                .ready("r2", REVIEW, 0, 0, 0, "r2").ready("r3", REVIEW, 0, 0, 0, "r3")),
                        List.of("r1", "r2", "r3"), null, null),
                Arguments.of(Named.of("a reserve met by running nodes holds nothing back",
                        Fixture.slots(3).reserves(1, 0).running("x", IMPL, "shared")
                                .ready("a", IMPL, 0, 0, 0, "shared")
                                .ready("r1", REVIEW, 0, 0, 0, "r1").ready("r2", REVIEW, 0, 0, 0, "r2")),
                        List.of("r1", "r2"), "a", "footprint conflict with x"),
                Arguments.of(Named.of("a reserve never holds back its own class",
                        Fixture.slots(2).reserves(0, 1).running("x", IMPL, "shared")
                                .ready("r1", REVIEW, 0, 0, 0, "shared").ready("a", IMPL, 0, 0, 0, "a")),
                        List.of(), "a", "free slot reserved for class review"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classReserve(Fixture fixture, List<String> expectedStarts, String waiting, String expectedReason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(Fixture.started(decision)).containsExactlyElementsOf(expectedStarts);
        if (waiting != null) {
            assertThat(Fixture.reason(decision, snapshot, waiting)).isEqualTo(expectedReason);
        }
    }
}
