package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code depends-on: [spec:group]}: each problem as one line with its position. */
class GroupsAcrossPlanTest {

    private static List<String> problems(String yaml) {
        try {
            PlanParser.parse(yaml, "plan.yaml");
        } catch (InvalidPlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        return List.of();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a group of another spec is fine", """
                        specs:
                          - {id: a, groups: [{id: x, command: 'true', writes: [a]}]}
                          - {id: b, groups: [{id: y, command: 'true', writes: [b], depends-on: ['a:x']}]}
                        """, List.of()),
                Arguments.of("an unknown group, with the nearest one", """
                        specs:
                          - {id: a, groups: [{id: tokens, command: 'true', writes: [a]}]}
                          - {id: b, groups: [{id: y, command: 'true', writes: [b], depends-on: ['a:tokes']}]}
                        """, List.of("plan.yaml:3:73: spec b, group y: unknown dependency 'a:tokes'"
                        + " (did you mean 'a:tokens'?) (a group of another spec, as spec:group)")),
                Arguments.of("a cycle through groups of two specs", """
                        specs:
                          - {id: a, groups: [{id: x, command: 'true', writes: [a], depends-on: ['b:y']}]}
                          - {id: b, groups: [{id: y, command: 'true', writes: [b], depends-on: ['a:x']}]}
                        """, List.of("plan.yaml:2:5: spec a: group dependency cycle across specs: a:x → b:y → a:x")),
                Arguments.of("a cycle through a group dependency and a spec dependency", """
                        specs:
                          - {id: a, groups: [{id: x, command: 'true', writes: [a], depends-on: ['b:y']}]}
                          - {id: b, depends-on: [a], groups: [{id: y, command: 'true', writes: [b]}]}
                        """, List.of("plan.yaml:2:5: spec a: group dependency cycle across specs: a:x → b:y → a:x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsOfOtherSpecsAreCheckedOneLineEach(String name, String yaml, List<String> expected) {
        assertThat(problems(yaml)).containsExactlyElementsOf(expected);
    }
}
