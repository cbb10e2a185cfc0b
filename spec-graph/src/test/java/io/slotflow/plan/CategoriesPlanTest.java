package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code categories:} section: what it reads into, and each problem as one line with its position. */
class CategoriesPlanTest {

    private static List<String> problems(String yaml) {
        try {
            PlanParser.parse(yaml, "plan.yaml");
        } catch (InvalidPlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        return List.of();
    }

    @Test
    void categoriesReadWithTheirDefaults() {
        Plan plan = PlanParser.parse("""
                categories:
                  build: {share: 0.5, respawn: once}
                  cleanup: {share: 25%, parallel: false}
                  poll: {cooldown: 10m, cooldown-after: 2}
                  chores: {}
                specs:
                  - {id: a, command: 'true', category: build}
                """, "plan.yaml");
        assertThat(plan.categories()).containsExactly(
                new Category("build", 0.5, true, Respawn.ONCE, Duration.ZERO, 3),
                new Category("cleanup", 0.25, false, Respawn.NEVER, Duration.ZERO, 3),
                new Category("poll", Category.NO_SHARE, true, Respawn.NEVER, Duration.ofMinutes(10), 2),
                Category.plain("chores"));
        assertThat(plan.category("unknown")).isEqualTo(Category.plain("unknown"));
    }

    @Test
    void aPlanWithoutCategoriesKeepsItsLabelsFree() {
        assertThat(problems("specs: [{id: a, command: 'true', category: anything}]")).isEmpty();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("""
                        categories:
                          build: {share: 1.5}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:18: category build: 'share' must be a fraction above 0 and at most 1 (0.25)"
                        + " or a percentage (25%), got '1.5'"),
                Arguments.of("""
                        categories:
                          build: {share: lots}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:18: category build: 'share' must be a fraction above 0 and at most 1 (0.25)"
                        + " or a percentage (25%), got text 'lots'"),
                Arguments.of("""
                        categories:
                          build: {share: 0.6}
                          test: {share: 60%}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:3: categories: the shares add up to 120.0% of the slot time, more than 100%"),
                Arguments.of("""
                        categories:
                          build: {parallel: no-thanks}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:21: category build: 'parallel' must be true or false, got text 'no-thanks'"),
                Arguments.of("""
                        categories:
                          build: {respawn: twice}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:20: category build: 'respawn' must be one of once, never, got 'twice'"),
                Arguments.of("""
                        categories:
                          build: {cooldown: 10}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:21: category build: 'cooldown' must be a duration with a unit (ms, s, m, h, d),"
                        + " e.g. 90s or 1h30m, got '10'"),
                Arguments.of("""
                        categories:
                          build: {cooldown: 10m, cooldown-after: 0}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:42: category build: 'cooldown-after' must be at least 1, got 0"),
                Arguments.of("""
                        categories:
                          build: {shares: 0.5}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:11: category build: unknown key 'shares' (did you mean 'share'?)"),
                Arguments.of("""
                        categories:
                          build: {share: 0.5}
                        specs: [{id: a, command: 'true', category: biuld}]
                        """, "plan.yaml:3:44: spec a, group 0: unknown category 'biuld'"
                        + " (declare it under 'categories')"),
                Arguments.of("""
                        categories:
                          'bad name': {share: 0.5}
                        specs: [{id: a, command: 'true'}]
                        """, "plan.yaml:2:3: category bad name: category name 'bad name' must be letters, digits,"
                        + " '.', '_' or '-'"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachProblemIsOneLineWithItsPosition(String yaml, String expected) {
        assertThat(problems(yaml)).contains(expected);
    }
}
