package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An addition is read and checked as a plan file is, against the run's plan: refused whole, one line per problem. */
class PlanAdditionTest {

    private static final Plan RUN = PlanParser.parse("""
            name: live
            run:
              slots: 2
            specs:
              - id: a
                command: "true"
              - id: b
                depends-on: [a]
                command: "true"
            """, "plan.yaml");

    private static List<String> problems(String text) {
        try {
            PlanParser.addition(RUN, text, "more.yaml", null);
        } catch (InvalidPlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void specsThatFitAreReadWithTheirDefaults() {
        List<Spec> added = PlanParser.addition(RUN, """
                specs:
                  - id: c
                    depends-on: [b]
                    groups:
                      - id: one
                        command: "true"
                      - id: two
                        depends-on: [one]
                        command: "true"
                  - id: d
                    command: "true"
                """, "more.yaml", null);
        assertThat(added).extracting(Spec::id).containsExactly("c", "d");
        assertThat(added.get(0).groups()).extracting(Group::workClass).containsOnly(WorkClass.IMPLEMENTATION);
    }

    @Test
    void anIdTheRunHasIsNamedWithItsLine() {
        assertThat(problems("""
                specs:
                  - id: c
                    command: "true"
                  - id: a
                    command: "true"
                """)).singleElement().asString().startsWith("more.yaml:4:").contains("spec id 'a' is already in the run");
    }

    @Test
    void aCycleAmongTheAddedSpecsIsRefused() {
        assertThat(problems("""
                specs:
                  - id: x
                    depends-on: [y]
                    command: "true"
                  - id: y
                    depends-on: [x]
                    command: "true"
                """)).anySatisfy(p -> assertThat(p).contains("cycle"));
    }

    @Test
    void unknownDependenciesClassesAndKeysAreEachOneLine() {
        assertThat(problems("""
                run:
                  slots: 3
                specs:
                  - id: c
                    depends-on: [nope]
                    class: nosuch
                    command: "true"
                """)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("more.yaml:1:").contains("unknown key 'run'"))
                .anySatisfy(p -> assertThat(p).contains("nope"))
                .anySatisfy(p -> assertThat(p).contains("nosuch"));
    }

    @Test
    void aDocumentWithoutSpecsOrNotYamlIsRefused() {
        assertThat(problems("{}\n")).singleElement().asString().contains("no 'specs'");
        assertThat(problems("specs: [\n")).isNotEmpty();
    }
}
