package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.graph.PlanGraph;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code resources:} and {@code uses:}: what they read into, and each problem as one line with its position. */
class ResourcesPlanTest {

    private static List<String> problems(String yaml) {
        try {
            PlanParser.parse(yaml, "plan.yaml");
        } catch (InvalidPlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        return List.of();
    }

    @Test
    void resourcesAndUsesReachTheNodes() {
        Plan plan = PlanParser.parse("""
                resources: {gpu: 2, api-quota: 5}
                review-types:
                  skeptic: {command: 'true', uses: {api-quota: 1}}
                specs:
                  - {id: a, command: 'true', uses: {gpu: 1, api-quota: 2}}
                  - id: b
                    groups:
                      - {id: g, command: 'true', uses: {gpu: 2}}
                """, "plan.yaml");
        assertThat(plan.resources()).isEqualTo(Map.of("gpu", 2, "api-quota", 5));
        PlanGraph graph = PlanGraph.of(plan);
        assertThat(graph.group("a:0").uses()).isEqualTo(Map.of("gpu", 1, "api-quota", 2));
        assertThat(graph.group("b:g").uses()).isEqualTo(Map.of("gpu", 2));
        assertThat(graph.reviewNode("a", "skeptic", true).uses()).isEqualTo(Map.of("api-quota", 1));
        assertThat(graph.batchNode("batch-1:skeptic", "skeptic", List.of("a:0:skeptic")).uses())
                .isEqualTo(Map.of("api-quota", 1));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("""
                        resources: {gpu: 2}
                        specs: [{id: a, command: 'true', uses: {gpx: 1}}]
                        """, "plan.yaml:2:41: spec a, group 0: unknown resource 'gpx' (did you mean 'gpu'?)"
                        + " (declare it under 'resources')"),
                Arguments.of("""
                        specs: [{id: a, command: 'true', uses: {gpu: 1}}]
                        """, "plan.yaml:1:41: spec a, group 0: unknown resource 'gpu' (declare it under 'resources')"),
                Arguments.of("""
                        resources: {gpu: 2}
                        specs: [{id: a, command: 'true', uses: {gpu: 3}}]
                        """, "plan.yaml:2:41: spec a, group 0: uses 3 of resource gpu, more than its capacity 2:"
                        + " it could never start"),
                Arguments.of("""
                        resources: {gpu: 2}
                        specs: [{id: a, command: 'true', uses: {gpu: 0}}]
                        """, "plan.yaml:2:41: spec a, group 0: 'uses gpu' must be at least 1, got 0"),
                Arguments.of("""
                        resources: {gpu: 0}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:1:13: resources: resource gpu: the capacity must be at least 1, got 0"),
                Arguments.of("""
                        resources: {gpu: -1}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:1:13: resources: resource gpu: the capacity must be at least 1, got -1"),
                Arguments.of("""
                        resources: {gpu: lots}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:1:18: resources: 'resources gpu' must be a whole number, got text 'lots'"),
                Arguments.of("""
                        resources: {gpu: 1}
                        review-types:
                          skeptic: {command: 'true', uses: {gpu: 2}}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:3:37: review type skeptic: uses 2 of resource gpu, more than its capacity 1:"
                        + " it could never start"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void eachProblemIsOneLineNamingWhere(String yaml, String problem) {
        assertThat(problems(yaml)).containsExactly(problem);
    }
}
