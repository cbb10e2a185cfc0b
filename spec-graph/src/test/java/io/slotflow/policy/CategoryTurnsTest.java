package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The share rule: which category's node takes the next free slot within one rank. The share a
 * waiting node's reason quotes counts what this decision started (at its estimate).
 */
class CategoryTurnsTest {

    private static final String HALF_AND_QUARTERS = """
            build: {share: 0.5}
            test: {share: 0.25}
            docs: {share: 0.25}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing used yet: the plain order",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 1)
                                .ready("t1", "test").ready("b1", "build"),
                        List.of("t1"), "b1", "no free slot"),
                Arguments.of("the category furthest below its share goes first",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 1)
                                .used("build", 60_000).used("test", 60_000).used("docs", 0)
                                .ready("b1", "build").ready("t1", "test").ready("d1", "docs"),
                        List.of("d1"), "b1", "waiting for category build's turn: it used 33.3% of the slot time,"
                                + " its target is 50.0%"),
                Arguments.of("slot time is weighed by share: twice the share, twice the time before its turn passes",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 1)
                                .used("build", 100_000).used("test", 60_000).used("docs", 60_000)
                                .ready("t1", "test").ready("b1", "build"),
                        List.of("b1"), "t1", "waiting for category test's turn: it used 21.4% of the slot time,"
                                + " its target is 25.0%"),
                Arguments.of("several free slots are spread by share: a start charges its estimate",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 3)
                                .ready("b1", "build").ready("b2", "build").ready("b3", "build")
                                .ready("t1", "test").ready("d1", "docs"),
                        List.of("b1", "t1", "d1"), "b2", "waiting for category build's turn: it used 33.3% of the"
                                + " slot time, its target is 50.0%"),
                Arguments.of("a category whose node cannot start gives the slot to the next category",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 2)
                                .used("build", 600_000).running("x", "build")
                                .ready("d1", "docs", "x").ready("b1", "build"),
                        List.of("b1"), "d1", "footprint conflict with x"),
                Arguments.of("categories without a share split the rest",
                        CategoryFixture.categories("""
                                build: {share: 0.6}
                                chores: {}
                                """, 1)
                                .used("build", 60_000).used("chores", 30_000).used("", 29_000)
                                .ready("c1", "chores").ready("u1", null),
                        List.of("u1"), "c1", "waiting for category chores's turn: it used 16.8% of the slot time,"
                                + " its target is 20.0%"),
                Arguments.of("a category left nothing by the shares comes last",
                        CategoryFixture.categories("""
                                build: {share: 1}
                                chores: {}
                                """, 1)
                                .used("build", 600_000)
                                .ready("c1", "chores").ready("b1", "build"),
                        List.of("b1"), "c1", "waiting for category chores's turn: it used 0.0% of the slot time,"
                                + " its target is 0.0%"),
                Arguments.of("the class quota still holds whatever the shares say",
                        CategoryFixture.categories(HALF_AND_QUARTERS, 3).quota(1)
                                .used("build", 600_000).running("x", "build")
                                .ready("d1", "docs"),
                        List.of(), "d1", "class implementation at its quota of 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCategoryFurthestBelowItsShareGoesFirst(String name, CategoryFixture fixture, List<String> started,
            String waiting, String reason) {
        Snapshot snapshot = fixture.snapshot();
        Decision decision = new DispatchPolicy().decide(snapshot);
        assertThat(decision.starts().stream().map(QueuedNode::id).toList()).isEqualTo(started);
        assertThat(decision.reasonFor(waiting, 0).describe()).isEqualTo(reason);
    }
}
