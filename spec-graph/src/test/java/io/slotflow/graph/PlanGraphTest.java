package io.slotflow.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanGraphTest {

    private static Duration min(int m) {
        return Duration.ofMinutes(m);
    }

    // spec a: a0 (10) → a1 (5); spec b: b0 (20); spec c depends on a and b: c0 (7). K = 2
    private final PlanGraph graph = PlanGraph.of(TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", min(10), List.of("x")).group("1", min(5), List.of("x"), "0")
            .spec("b").group("0", min(20), List.of("y"))
            .spec("c", "a", "b").group("0", min(7), List.of("z"))
            .build());

    @Test
    void crossSpecDependenciesPointAtTheSinksOfTheSpec() {
        assertThat(graph.group("c:0").dependsOn()).containsExactly("a:1", "b:0");
        assertThat(graph.specSinks("a")).containsExactly("a:1");
        assertThat(graph.dependents("a:1")).containsExactly("c:0");
    }

    @Test
    void topologicalOrderRespectsEveryEdgeAndKeepsPlanOrderOtherwise() {
        assertThat(graph.topologicalOrder()).containsExactly("a:0", "b:0", "a:1", "c:0");
    }

    @Test
    void bottomLevelIsTheLongestChainFromTheNodeToTheEnd() {
        assertThat(graph.bottomLevelMillis("a:0")).isEqualTo(min(22).toMillis());
        assertThat(graph.bottomLevelMillis("b:0")).isEqualTo(min(27).toMillis());
        assertThat(graph.bottomLevelMillis("c:0")).isEqualTo(min(7).toMillis());
    }

    @Test
    void criticalPathAndLowerBound() {
        assertThat(graph.criticalPath()).isEqualTo(min(27));
        assertThat(graph.criticalPathNodes()).containsExactly("b:0", "c:0");
        assertThat(graph.totalWork()).isEqualTo(min(42));
        // max(27, 42 / 2)
        assertThat(graph.lowerBound()).isEqualTo(min(27));
    }

    @Test
    void theLowerBoundCountsTheReviewsBarriersWillCreate() {
        Plan plan = TestPlanBuilder.plan().slots(1)
                .spec("a").group("0", min(10), List.of("x"))
                .spec("b").group("0", min(10), List.of("y"))
                .reviewType("skeptic", min(3), List.of())
                .barrierAfter("ab", List.of("a", "b"), List.of("skeptic"), Injection.LAZY)
                .barrierEvery("each", 1, List.of("skeptic"), Injection.EAGER, 1)
                .build();
        // two groups and two reviews (each named by both barriers, counted once) on one slot
        assertThat(PlanGraph.of(plan).lowerBound()).isEqualTo(min(26));
    }

    static Stream<Arguments> lowerBounds() {
        return Stream.of(
                Arguments.of(Named.of("a long review with a short timeout counts as its timeout", """
                        run: {slots: 3}
                        classes: {review: {timeout: 3s}}
                        review-types: {skeptic: {command: x, estimate: 120s, reads: ["src/{spec}"]}}
                        barriers: [{name: all, after: [a], reviews: [skeptic]}]
                        specs: [{id: a, command: x, estimate: 10s, writes: [src/a]}]
                        """), Duration.ofSeconds(13)),
                Arguments.of(Named.of("a group's timeout bounds its estimate", """
                        run: {slots: 1}
                        classes: {implementation: {timeout: 10m}}
                        specs: [{id: a, command: x, estimate: 1h, writes: [a]}]
                        """), min(10)),
                Arguments.of(Named.of("groups that write one token run one after another", """
                        run: {slots: 4}
                        specs:
                          - {id: a, command: x, estimate: 10s, writes: [shared]}
                          - {id: b, command: x, estimate: 10s, writes: [shared]}
                          - {id: c, command: x, estimate: 10s, writes: [shared]}
                          - {id: d, command: x, estimate: 10s, writes: [shared]}
                        """), Duration.ofSeconds(40)),
                Arguments.of(Named.of("readers of a written token run beside no writer", """
                        run: {slots: 3}
                        specs:
                          - {id: a, command: x, estimate: 10s, writes: [x]}
                          - {id: b, command: x, estimate: 5s, reads: [x], writes: [b]}
                          - {id: c, command: x, estimate: 7s, reads: [x], writes: [c]}
                        """), Duration.ofSeconds(17)),
                Arguments.of(Named.of("a node without a footprint runs alone", """
                        run: {slots: 3}
                        specs:
                          - {id: a, command: x, estimate: 10s}
                          - {id: b, command: x, estimate: 5s, writes: [b]}
                          - {id: c, command: x, estimate: 6s, writes: [c]}
                        """), Duration.ofSeconds(16)));
    }

    @ParameterizedTest
    @MethodSource("lowerBounds")
    void lowerBound(String yaml, Duration expected) {
        assertThat(PlanGraph.of(PlanParser.parse(yaml, "p.yaml")).lowerBound()).isEqualTo(expected);
    }

    @Test
    void reviewAndBatchNodesAreMadeOnDemand() {
        Plan plan = TestPlanBuilder.plan()
                .spec("91").group("0", min(10), List.of("x")).group("1", min(10), List.of("y"), "0")
                .spec("92").group("0", min(10), List.of("z"))
                .reviewType("reviewer:pre-review", min(4), List.of("src/{spec}"))
                .build();
        PlanGraph g = PlanGraph.of(plan);
        NodeDef review = g.reviewNode("91", "reviewer:pre-review", false);
        assertThat(review.id()).isEqualTo("91:1:reviewer:pre-review");
        assertThat(review.kind()).isEqualTo(NodeKind.REVIEW);
        assertThat(review.footprint().reads()).containsExactly("src/91");
        NodeDef batch = g.batchNode("batch-7:reviewer:pre-review", "reviewer:pre-review",
                List.of(review.id(), g.reviewNode("92", "reviewer:pre-review", false).id()));
        assertThat(batch.reviewedSpecs()).containsExactly("91", "92");
        assertThat(batch.footprint().reads()).containsExactly("src/91", "src/92");
        assertThat(batch.lazy()).isTrue();
    }

    @Test
    void aCycleIsRefusedWithTheCyclePrinted() {
        Plan plan = TestPlanBuilder.plan()
                .spec("a").group("x", min(1), List.of("t"), "z").group("y", min(1), List.of("t"), "x")
                .group("z", min(1), List.of("t"), "y")
                .build();
        assertThatThrownBy(() -> PlanGraph.of(plan))
                .isInstanceOf(CycleException.class)
                .hasMessage("dependency cycle: a:x → a:z → a:y → a:x");
    }
}
