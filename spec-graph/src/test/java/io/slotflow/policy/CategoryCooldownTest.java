package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A category cooling down after NOOP sessions is offered no slot until its cooldown ends. */
class CategoryCooldownTest {

    private static final String POLL_COOLS = """
            poll: {share: 0.5, cooldown: 10m}
            build: {share: 0.5}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("while cooling, the category's nodes wait and others take the slot",
                        CategoryFixture.categories(POLL_COOLS, 2).now(1_000).cooling("poll", 601_000)
                                .ready("p1", "poll").ready("b1", "build"),
                        List.of("b1"), "p1", "category poll cools down after NOOP sessions until 1970-01-01T00:10:01Z"),
                Arguments.of("a slot stays idle rather than go to a cooling category",
                        CategoryFixture.categories(POLL_COOLS, 2).now(1_000).cooling("poll", 601_000)
                                .ready("p1", "poll"),
                        List.of(), "p1", "category poll cools down after NOOP sessions until 1970-01-01T00:10:01Z"),
                Arguments.of("once the cooldown has passed the category is offered slots again",
                        CategoryFixture.categories(POLL_COOLS, 2).now(601_000).cooling("poll", 601_000)
                                .ready("p1", "poll"),
                        List.of("p1"), "p1", "starts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCoolingCategoryIsOfferedNoSlot(String name, CategoryFixture fixture, List<String> started, String waiting,
            String reason) {
        Decision decision = fixture.decide();
        assertThat(decision.starts().stream().map(QueuedNode::id).toList()).isEqualTo(started);
        if (!started.contains(waiting)) {
            assertThat(decision.reasonFor(waiting, 0).describe()).isEqualTo(reason);
        }
    }
}
