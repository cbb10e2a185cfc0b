package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code parallel: false}: a category runs one session at a time. */
class CategoryAloneTest {

    private static final String CLEANUP_ALONE = """
            build: {share: 0.5}
            cleanup: {share: 0.5, parallel: false}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one of the category starts, the next waits in the same decision",
                        CategoryFixture.categories(CLEANUP_ALONE, 3).ready("c1", "cleanup").ready("c2", "cleanup"),
                        List.of("c1"), "c2", "category cleanup runs one session at a time"),
                Arguments.of("a running session of the category keeps the others waiting",
                        CategoryFixture.categories(CLEANUP_ALONE, 3).running("c0", "cleanup")
                                .ready("c1", "cleanup").ready("b1", "build"),
                        List.of("b1"), "c1", "category cleanup runs one session at a time"),
                Arguments.of("a parallel category runs beside itself",
                        CategoryFixture.categories(CLEANUP_ALONE, 3).running("b0", "build")
                                .ready("b1", "build").ready("b2", "build").ready("c1", "cleanup"),
                        List.of("b1", "c1"), "b2", "waiting for category build's turn: it used 50.0% of the slot"
                                + " time, its target is 50.0%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCategoryThatMayNotRunBesideItselfWaits(String name, CategoryFixture fixture, List<String> started,
            String waiting, String reason) {
        Decision decision = fixture.decide();
        assertThat(decision.starts().stream().map(QueuedNode::id).toList()).isEqualTo(started);
        if (!started.contains(waiting)) {
            assertThat(decision.reasonFor(waiting, 0).describe()).isEqualTo(reason);
        }
    }
}
