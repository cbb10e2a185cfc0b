package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per kind of problem: the exact one-line message, with its position. */
class PlanValidationTest {

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
                Arguments.of(Named.of("dependency cycle between specs", """
                        specs:
                          - id: a
                            depends-on: [c]
                            command: "true"
                          - id: b
                            depends-on: [a]
                            command: "true"
                          - id: c
                            depends-on: [b]
                            command: "true"
                        """), "plan.yaml:2:5: spec a: spec dependency cycle: a → c → b → a"),
                Arguments.of(Named.of("dependency cycle between groups", """
                        specs:
                          - id: s
                            groups:
                              - {id: x, depends-on: [y], command: "true"}
                              - {id: y, depends-on: [x], command: "true"}
                        """), "plan.yaml:2:5: spec s: group dependency cycle in spec s: s:x → s:y → s:x"),
                Arguments.of(Named.of("unknown group dependency", """
                        specs:
                          - id: "91"
                            groups:
                              - id: 0
                                depends-on: [3]
                                command: "true"
                        """), "plan.yaml:5:22: spec 91, group 0: unknown dependency '3' (a group of spec 91)"),
                Arguments.of(Named.of("unknown spec dependency, with a suggestion", """
                        specs:
                          - id: parser
                            command: "true"
                          - id: lexer
                            depends-on: [parsre]
                            command: "true"
                        """), "plan.yaml:5:18: spec lexer: unknown dependency 'parsre' (did you mean 'parser'?) (a spec)"),
                Arguments.of(Named.of("duplicate spec id", """
                        specs:
                          - id: a
                            command: "true"
                          - id: a
                            command: "true"
                        """), "plan.yaml:4:5: spec a: duplicate spec id 'a'"),
                Arguments.of(Named.of("duplicate group id", """
                        specs:
                          - id: a
                            groups:
                              - {id: 0, command: "true"}
                              - {id: 0, command: "true"}
                        """), "plan.yaml:5:9: spec a, group 0: duplicate group id '0' in spec a"),
                Arguments.of(Named.of("duplicate key", """
                        specs:
                          - id: a
                            command: "true"
                            command: "false"
                        """), "plan.yaml:4:5: duplicate key 'command' (first at line 3)"),
                Arguments.of(Named.of("unknown class", """
                        specs:
                          - id: a
                            class: implementaton
                            command: "true"
                        """), "plan.yaml:3:12: spec a, group 0: unknown class 'implementaton' (did you mean 'implementation'?)"),
                Arguments.of(Named.of("unknown review type in a barrier", """
                        review-types:
                          skeptic: {command: "true"}
                        barriers:
                          - {after: [a], reviews: [skeptik]}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:4:28: barrier barrier-1: unknown review type 'skeptik' (did you mean 'skeptic'?)"),
                Arguments.of(Named.of("a quota K slots cannot honour", """
                        run: {slots: 3}
                        classes:
                          review: {quota: 5}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:3:19: class review: quota 5 is more than the 3 slots"),
                Arguments.of(Named.of("reserves that add up to more than K", """
                        run: {slots: 2}
                        classes:
                          implementation: {reserve: 2}
                          review: {reserve: 1}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml: classes: the reserves add up to 3 slots, more than the 2 slots"),
                Arguments.of(Named.of("a reserve above the quota", """
                        run: {slots: 3}
                        classes:
                          review: {quota: 1, reserve: 2}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:3:31: class review: reserve 2 is more than its quota 1"),
                Arguments.of(Named.of("zero duration", """
                        specs:
                          - {id: a, command: "true", estimate: 0s}
                        """), "plan.yaml:2:40: spec a, group 0: 'estimate' must be more than zero"),
                Arguments.of(Named.of("zero timeout", """
                        classes:
                          implementation: {timeout: 0m}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:2:29: class implementation: 'timeout' must be more than zero"),
                Arguments.of(Named.of("a duration without a unit", """
                        specs:
                          - {id: a, command: "true", estimate: 10}
                        """), "plan.yaml:2:40: spec a, group 0: 'estimate' must be a duration with a unit (ms, s, m, h, d), e.g. 90s or 1h30m, got '10'"),
                Arguments.of(Named.of("no specs at all", """
                        specs: []
                        """), "plan.yaml:1:8: specs: a plan needs at least one spec"),
                Arguments.of(Named.of("a duration with a unit twice", """
                        specs:
                          - {id: a, command: "true", estimate: 5m5m}
                        """), "plan.yaml:2:40: spec a, group 0: 'estimate' must be a duration with a unit (ms, s, m, h, d), e.g. 90s or 1h30m, got text '5m5m'"),
                Arguments.of(Named.of("empty command", """
                        specs:
                          - {id: a, command: "  "}
                        """), "plan.yaml:2:22: spec a, group 0: 'command' is empty"),
                Arguments.of(Named.of("missing command", """
                        specs:
                          - id: a
                            groups:
                              - {id: 0, estimate: 1m}
                        """), "plan.yaml:4:9: spec a, group 0: no 'command': every session needs one"),
                Arguments.of(Named.of("malformed footprint token", """
                        specs:
                          - {id: a, command: "true", writes: ["src dir"]}
                        """), "plan.yaml:2:39: spec a, group 0: malformed footprint token 'src dir': use letters, digits and . _ / - : (e.g. src/parser or lock:db)"),
                Arguments.of(Named.of("an id unsafe as a file name", """
                        specs:
                          - {id: "../../x", command: "true"}
                        """), "plan.yaml:2:5: spec ../../x: spec id '../../x' is not safe as a file name: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters"),
                Arguments.of(Named.of("a colon in a group id", """
                        specs:
                          - id: a
                            groups:
                              - {id: "b:c", command: "true"}
                        """), "plan.yaml:4:9: spec a, group b:c: group id 'b:c' is not safe as a file name: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters"),
                Arguments.of(Named.of("unknown key, with a suggestion", """
                        specs:
                          - id: a
                            dependson: []
                            command: "true"
                        """), "plan.yaml:3:5: spec a: unknown key 'dependson' (did you mean 'depends-on'?)"),
                Arguments.of(Named.of("unknown top-level key", """
                        specz:
                          - {id: a, command: "true"}
                        """), "plan.yaml:1:1: unknown key 'specz' (did you mean 'specs'?)"),
                Arguments.of(Named.of("wrong type", """
                        run: {slots: three}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:1:14: run: 'slots' must be a whole number, got text 'three'"),
                Arguments.of(Named.of("absurd slot count", """
                        run: {slots: 1000000}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:1:14: run: 'slots' must be between 1 and 10000, got 1000000"),
                Arguments.of(Named.of("bad dispatch mode", """
                        run: {dispatch: waves}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:1:17: run: 'dispatch' must be one of rolling, wave, got 'waves'"),
                Arguments.of(Named.of("a barrier with both after and every", """
                        review-types:
                          skeptic: {command: "true"}
                        barriers:
                          - {name: b, after: [a], every: 2, reviews: [skeptic]}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:4:34: barrier b: give either 'after' (a set of specs) or 'every' (N completions), not both"),
                Arguments.of(Named.of("a barrier on an unknown spec", """
                        review-types:
                          skeptic: {command: "true"}
                        barriers:
                          - {name: b, after: [a, z], reviews: [skeptic]}
                        specs:
                          - {id: a, command: "true"}
                        """), "plan.yaml:4:26: barrier b: unknown spec 'z'"),
                Arguments.of(Named.of("a reserved environment variable", """
                        specs:
                          - {id: a, command: "true", env: {SLOTFLOW_NODE: x}}
                        """), "plan.yaml:2:36: spec a, group 0: 'SLOTFLOW_NODE' is reserved: Slotflow sets the SLOTFLOW_ variables"),
                Arguments.of(Named.of("a spec id that a batch id would take", """
                        specs:
                          - {id: batch-1, command: "true"}
                        """), "plan.yaml:2:5: spec batch-1: spec id 'batch-1' is reserved: ids starting with 'batch-' "
                        + "name batched review sessions (batch-3:skeptic); rename the spec"),
                Arguments.of(Named.of("a NUL character in a command", """
                        specs:
                          - {id: a, command: "true\\0x"}
                        """), "plan.yaml:2:22: spec a, group 0: 'command' holds a NUL character (\\0), which no command "
                        + "line can carry"),
                Arguments.of(Named.of("a NUL character in an environment value", """
                        specs:
                          - {id: a, command: "true", env: {A: "x\\0"}}
                        """), "plan.yaml:2:36: spec a, group 0: the value of 'A' holds a NUL character (\\0), which no "
                        + "environment variable can carry"),
                Arguments.of(Named.of("escape and bidi characters are never printed raw", """
                        specs:
                          - {id: "a\\e[31m\\u202Eb", command: "true"}
                        """), "plan.yaml:2:5: spec a\\u001B[31m\\u202Eb: spec id 'a\\u001B[31m\\u202Eb' is not safe as a file "
                        + "name: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters"),
                Arguments.of(Named.of("no specs", """
                        run: {slots: 2}
                        """), "plan.yaml:1:1: no 'specs': a plan needs at least one spec"),
                Arguments.of(Named.of("a YAML syntax error", """
                        specs:
                          - id: a
                           command: "true"
                        """), null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachProblemIsOneLineWithItsPosition(String yaml, String expected) {
        List<String> problems = problems(yaml);
        assertThat(problems).isNotEmpty();
        if (expected != null) {
            assertThat(problems).contains(expected);
        }
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("\n").startsWith("plan.yaml"));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        List<String> problems = problems("""
                run: {slots: 0}
                specs:
                  - id: a
                    depends-on: [nope]
                    command: ""
                    estimate: -1s
                    writes: ["*"]
                """);
        assertThat(problems).containsExactly(
                "plan.yaml:1:14: run: 'slots' must be between 1 and 10000, got 0",
                "plan.yaml:4:18: spec a: unknown dependency 'nope' (a spec)",
                "plan.yaml:5:14: spec a, group 0: 'command' is empty",
                "plan.yaml:6:15: spec a, group 0: 'estimate' must be a duration with a unit (ms, s, m, h, d), e.g. 90s or 1h30m, got text '-1s'",
                "plan.yaml:7:14: spec a, group 0: malformed footprint token '*': it is reserved for nodes without a footprint (leave out reads and writes to run alone)");
    }

    @Test
    void aPlanBuiltInCodeIsCheckedToo() {
        Plan plan = PlanParser.parse("specs: [{id: a, command: 'true'}]", "x.yaml");
        Plan broken = plan.withRun(plan.run().withSlots(0));
        assertThat(PlanValidator.validate(broken)).extracting(PlanProblem::toString)
                .containsExactly("x: run: 'slots' must be between 1 and 10000, got 0");
        Plan overQuota = plan.withClasses(List.of(plan.classes().get(0).withQuota(7), plan.classes().get(1)));
        assertThat(PlanValidator.validate(overQuota)).extracting(PlanProblem::toString)
                .containsExactly("x: class implementation: quota 7 is more than the 3 slots");
    }

    @Test
    void aWorkdirMustExistBesideThePlan(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("file"), "");
        String yaml = """
                review-types:
                  skeptic: {command: "true", workdir: nowhere}
                specs:
                  - {id: a, command: "true", workdir: src}
                  - {id: b, command: "true", workdir: missing/dir}
                  - {id: c, command: "true", workdir: file}
                  - {id: d, command: "true", workdir: "%s"}
                """.formatted(dir.resolve("absent"));
        assertThatThrownBy(() -> PlanParser.parse(yaml, "plan.yaml", dir)).isInstanceOf(InvalidPlanException.class)
                .extracting(e -> ((InvalidPlanException) e).problems().stream().map(PlanProblem::toString).toList())
                .isEqualTo(List.of(
                        "plan.yaml:2:39: review type skeptic: 'workdir' nowhere does not exist: " + dir.resolve("nowhere")
                                + " (relative to the plan file's directory)",
                        "plan.yaml:5:39: spec b, group 0: 'workdir' missing/dir does not exist: "
                                + dir.resolve("missing/dir") + " (relative to the plan file's directory)",
                        "plan.yaml:6:39: spec c, group 0: 'workdir' file is not a directory: " + dir.resolve("file")
                                + " (relative to the plan file's directory)",
                        "plan.yaml:7:39: spec d, group 0: 'workdir' " + dir.resolve("absent") + " does not exist: "
                                + dir.resolve("absent")));
    }

    @Test
    void tenThousandMistypedDependenciesEachGetTheirSuggestion() {
        StringBuilder yaml = new StringBuilder("specs:\n");
        for (int i = 0; i < 10_000; i++) {
            yaml.append(String.format("  - {id: spec-%05d, depends-on: [spec-%05dx], command: \"true\"}%n", i,
                    (i + 1) % 10_000));
        }
        List<String> problems = problems(yaml.toString());
        assertThat(problems).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(problems.get(i)).endsWith(String.format(
                    "unknown dependency 'spec-%05dx' (did you mean 'spec-%05d'?) (a spec)", (i + 1) % 10_000, (i + 1) % 10_000));
        }
    }

    @Test
    void theExceptionMessageHasOneLinePerProblem() {
        assertThatThrownBy(() -> PlanParser.parse("specs: [{id: a}, {id: a, command: x}]", "p.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("p.yaml:1:9: spec a: a spec needs at least one group (a 'groups' list, or a 'command')\n"
                        + "p.yaml:1:18: spec a: duplicate spec id 'a'");
    }
}
