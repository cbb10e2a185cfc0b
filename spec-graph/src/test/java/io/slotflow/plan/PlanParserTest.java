package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.footprint.Footprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanParserTest {

    @TempDir
    Path dir;

    @Test
    void aSmallPlanGetsTheDocumentedDefaults() {
        Plan plan = PlanParser.parse("specs: [{id: a, command: make}]", "small.yaml");
        assertThat(plan.name()).isEqualTo("small");
        assertThat(plan.run()).isEqualTo(new RunSettings(3, DispatchMode.ROLLING, DispatchOrder.CRITICAL_PATH));
        assertThat(plan.classes()).containsExactly(
                new WorkClass("implementation", 0, 3, 0, Duration.ofHours(2), null, 2, Duration.ofHours(1)),
                new WorkClass("review", 1, 1, 0, Duration.ofMinutes(30), null, 2, Duration.ofHours(1), Borrow.BACKFILL));
        Group group = plan.specs().get(0).groups().get(0);
        assertThat(group).isEqualTo(new Group("0", List.of(), "implementation", Footprint.catchAll(),
                new Command("make", null, java.util.Map.of()), Duration.ofMinutes(5), null));
    }

    @Test
    void aGitWorkspaceIsGivenInShortOrInFullAndAClassMayOptOut() {
        assertThat(PlanParser.parse("specs: [{id: a, command: make}]", "p.yaml").workspace()).isEqualTo(Workspace.NONE);
        assertThat(PlanParser.parse("workspace: git\nspecs: [{id: a, command: make}]", "p.yaml").workspace())
                .isEqualTo(new Workspace(WorkspaceKind.GIT, "", "", ""));
        Plan plan = PlanParser.parse("""
                workspace: {repository: .., target: trunk, gate: make test}
                classes:
                  review: {workspace: none}
                specs: [{id: a, command: make}]
                """, "p.yaml");
        assertThat(plan.workspace()).isEqualTo(new Workspace(WorkspaceKind.GIT, "..", "trunk", "make test"));
        assertThat(plan.workspaceOf("implementation").isGit()).isTrue();
        assertThat(plan.workspaceOf("review")).isEqualTo(Workspace.NONE);
        assertThatThrownBy(() -> PlanParser.parse("workspace: {type: svn}\nspecs: [{id: a, command: make}]", "p.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("p.yaml:1:19: workspace: 'type' must be git or none, got 'svn'");
        assertThatThrownBy(() -> PlanParser.parse("workspace: inherit\nspecs: [{id: a, command: make}]", "p.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("workspace: 'workspace' must be git or none, got 'inherit'");
    }

    @Test
    void theReviewQuotaIsAThirdOfTheSlotsAndAtLeastOne() {
        assertThat(PlanDefaults.reviewQuota(1)).isEqualTo(1);
        assertThat(PlanDefaults.reviewQuota(3)).isEqualTo(1);
        assertThat(PlanDefaults.reviewQuota(8)).isEqualTo(2);
        assertThat(PlanDefaults.reviewQuota(64)).isEqualTo(21);
    }

    @Test
    void classesAreMergedByNameOverTheDefaults() {
        Plan plan = PlanParser.parse("""
                run: {slots: 6}
                classes:
                  review: {quota: 3, heartbeat: 5m}
                  docs: {rank: 2, quota: 1}
                  lint: {rank: 3, quota: 1, borrow: backfill}
                specs: [{id: a, command: make}]
                """, "p.yaml");
        assertThat(plan.workClass("review").orElseThrow())
                .isEqualTo(new WorkClass("review", 1, 3, 0, Duration.ofMinutes(30), Duration.ofMinutes(5), 2,
                        Duration.ofHours(1), Borrow.BACKFILL));
        assertThat(plan.workClass("docs").orElseThrow().rank()).isEqualTo(2);
        assertThat(plan.workClass("docs").orElseThrow().borrow()).as("a new class keeps to its quota").isEqualTo(Borrow.NEVER);
        assertThat(plan.workClass("lint").orElseThrow().borrow()).isEqualTo(Borrow.BACKFILL);
        assertThat(plan.workClass("implementation").orElseThrow().quota()).isEqualTo(6);
    }

    @Test
    void reviewsStopBorrowingWhenTheClassSaysNever() {
        Plan plan = PlanParser.parse("""
                classes:
                  review: {borrow: never}
                specs: [{id: a, command: make}]
                """, "p.yaml");
        assertThat(plan.workClass("review").orElseThrow().borrow()).isEqualTo(Borrow.NEVER);
        assertThatThrownBy(() -> PlanParser.parse("""
                classes:
                  review: {borrow: sometimes}
                specs: [{id: a, command: make}]
                """, "p.yaml")).hasMessageContaining("'borrow' must be one of backfill, never, got 'sometimes'");
    }

    @Test
    void jsonPlansReadTheSame() throws Exception {
        Path json = dir.resolve("plan.json");
        Files.writeString(json, """
                {"run": {"slots": 2}, "specs": [{"id": "a", "command": "make", "writes": ["src"]}]}
                """);
        Plan plan = PlanParser.parse(json);
        assertThat(plan.name()).isEqualTo("plan");
        assertThat(plan.specs().get(0).groups().get(0).footprint().writes()).containsExactly("src");
    }

    @Test
    void jsonProblemsHavePositionsToo() throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"specs\": [{\"id\": \"a\", \"comand\": \"make\"}]}");
        assertThatThrownBy(() -> PlanParser.parse(json))
                .hasMessageContaining("bad.json:1:24: spec a: unknown key 'comand' (did you mean 'command'?)");
    }

    @Test
    void theCompleteExampleInTheDocsParses() {
        Plan plan = PlanParser.parse(Path.of("../docs/examples/complete.yaml"));
        assertThat(plan.name()).isEqualTo("complete-example");
        assertThat(plan.classes()).extracting(WorkClass::name).containsExactly("implementation", "review", "docs");
        assertThat(plan.barriers()).extracting(Barrier::injection).containsExactly(Injection.EAGER, Injection.BATCHED);
        assertThat(plan.specs()).extracting(Spec::id).containsExactly("lexer", "parser", "manual");
    }

    @Test
    void everyExamplePlanParses() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../docs/examples"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(f ->
                    assertThat(PlanParser.parse(f).specs()).as(f.toString()).isNotEmpty());
        }
    }

    @Test
    void numbersWithAFractionAreTextAsWritten() {
        Plan plan = PlanParser.parse("""
                specs:
                  - {id: 1.10, command: "true", env: {RATIO: 0.50}}
                """, "plan.yaml");
        assertThat(plan.specs().get(0).id()).isEqualTo("1.10");
        assertThat(plan.specs().get(0).groups().get(0).command().env()).containsEntry("RATIO", "0.50");
    }

    @Test
    @Timeout(10)
    void anEndlessFileIsRefusedAfterTheLimitNotReadToTheEnd() {
        assertThatThrownBy(() -> PlanParser.parse(Path.of("/dev/zero"))).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("/dev/zero: the plan is larger than 8 MB");
    }

    static Stream<Arguments> durations() {
        return Stream.of(Arguments.of("250ms", Duration.ofMillis(250)), Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("5m", Duration.ofMinutes(5)), Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("2d", Duration.ofDays(2)), Arguments.of("1m500ms", Duration.ofMillis(60_500)),
                Arguments.of("10", null), Arguments.of("5 m", null), Arguments.of("-1s", null),
                Arguments.of("1.5h", null), Arguments.of("99999999999999999999d", null),
                // each unit once, the largest first: a typo must not quietly double a timeout
                Arguments.of("5m5m", null), Arguments.of("30m1h", null), Arguments.of("", null),
                Arguments.of("1d2h3m4s5ms", Duration.ofMillis(93_784_005)));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("durations")
    void durationsNeedAUnit(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        if (expected != null) {
            assertThat(Durations.parse(Durations.format(expected))).isEqualTo(expected);
        }
    }

    // ---- hostile input: one clear problem, fast, never a stack trace ----------------------

    private static String onlyProblem(String text) {
        try {
            PlanParser.parse(text, "evil.yaml");
        } catch (InvalidPlanException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0).toString();
        }
        throw new AssertionError("accepted: " + text.substring(0, Math.min(80, text.length())));
    }

    @Test
    void anEmptyFile() {
        assertThat(onlyProblem("")).isEqualTo("evil.yaml: the plan is empty");
        assertThat(onlyProblem("# only a comment\n")).isEqualTo("evil.yaml: the plan is empty");
    }

    @Test
    void binaryGarbage() {
        assertThat(onlyProblem("\u0000\u0001\u0002PK")).isEqualTo("evil.yaml: not a YAML or JSON document (it contains binary data)");
    }

    @Test
    void notUtf8() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "specs: [{id: caf\u00e9, command: x}]".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PlanParser.parse(file))
                .hasMessage(file + ": not a YAML or JSON document (it is not UTF-8 text)");
    }

    @Test
    void aMissingFile() {
        assertThatThrownBy(() -> PlanParser.parse(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
    }

    @Test
    @Timeout(10)
    void veryDeepNesting() {
        String deep = "specs: " + "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(onlyProblem(deep)).startsWith("evil.yaml").contains("not valid YAML");
    }

    @Test
    @Timeout(10)
    void aBillionLaughs() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        List<PlanProblem> problems = problems(bomb.toString());
        // the first alias ends the reading: one problem, not one per alias and per unknown key
        assertThat(problems).extracting(PlanProblem::toString)
                .containsExactly("evil.yaml:2:8: YAML aliases (*a) are not supported in plans; write the value out");
    }

    @Test
    void aDocumentThatIsNotAMapping() {
        assertThat(onlyProblem("- just\n- a list\n")).isEqualTo("evil.yaml:1:1: the plan must be a mapping (key: value), got a list");
    }

    @Test
    @Timeout(20)
    void aHugeFanOutIsReadAndChecked() {
        StringBuilder plan = new StringBuilder("specs:\n  - id: root\n    command: x\n");
        for (int i = 0; i < 5_000; i++) {
            plan.append("  - {id: s").append(i).append(", depends-on: [root], command: x}\n");
        }
        assertThat(PlanParser.parse(plan.toString(), "wide.yaml").specs()).hasSize(5_001);
    }

    private static List<PlanProblem> problems(String text) {
        try {
            PlanParser.parse(text, "evil.yaml");
            return List.of();
        } catch (InvalidPlanException e) {
            return e.problems();
        }
    }
}
