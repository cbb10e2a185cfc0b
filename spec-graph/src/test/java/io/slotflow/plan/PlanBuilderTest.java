package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slotflow.event.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder against the parser: one description of a plan, written once as YAML and once as
 * builder calls, gives equal plans, and the same wrong plan gives the same problems.
 */
class PlanBuilderTest {

    private static final List<String> TOKENS = List.of("src/a", "src/b", "docs", "lock:db");

    /** A plan as both a YAML author and a builder user would write it. */
    record GroupText(String id, List<String> dependsOn, boolean lint, List<String> reads, List<String> writes,
            int estimateMinutes) {
    }

    record SpecText(String id, List<String> dependsOn, List<GroupText> groups) {
    }

    record PlanText(int slots, DispatchMode dispatch, Integer implementationQuota, Integer lintQuota,
            List<SpecText> specs) {

        String yaml() {
            StringBuilder y = new StringBuilder("name: \"p\"\nrun:\n  slots: " + slots + "\n  dispatch: "
                    + dispatch.name().toLowerCase(java.util.Locale.ROOT) + "\n");
            if (implementationQuota != null || lintQuota != null) {
                y.append("classes:\n");
                if (implementationQuota != null) {
                    y.append("  implementation: {quota: ").append(implementationQuota).append("}\n");
                }
                if (lintQuota != null) {
                    y.append("  lint: {rank: 2, quota: ").append(lintQuota).append(", max-attempts: 1}\n");
                }
            }
            y.append("specs:\n");
            for (SpecText s : specs) {
                y.append("  - id: \"").append(s.id()).append("\"\n");
                y.append("    depends-on: ").append(list(s.dependsOn())).append('\n');
                y.append("    groups:\n");
                for (GroupText g : s.groups()) {
                    y.append("      - id: \"").append(g.id()).append("\"\n");
                    y.append("        command: \"make ").append(g.id()).append("\"\n");
                    y.append("        depends-on: ").append(list(g.dependsOn())).append('\n');
                    y.append("        reads: ").append(list(g.reads())).append('\n');
                    y.append("        writes: ").append(list(g.writes())).append('\n');
                    y.append("        estimate: ").append(g.estimateMinutes()).append("m\n");
                    if (g.lint()) {
                        y.append("        class: lint\n");
                    }
                }
            }
            return y.toString();
        }

        PlanBuilder builder() {
            PlanBuilder b = PlanBuilder.named("p").slots(slots).dispatch(dispatch);
            if (implementationQuota != null) {
                b.workClass(WorkClass.IMPLEMENTATION, c -> c.quota(implementationQuota));
            }
            if (lintQuota != null) {
                b.workClass("lint", c -> c.rank(2).quota(lintQuota).maxAttempts(1));
            }
            for (SpecText s : specs) {
                b.spec(s.id(), spec -> {
                    spec.dependsOn(s.dependsOn().toArray(String[]::new));
                    for (GroupText g : s.groups()) {
                        spec.group(g.id(), group -> {
                            group.command("make " + g.id()).dependsOn(g.dependsOn().toArray(String[]::new))
                                    .reads(g.reads().toArray(String[]::new)).writes(g.writes().toArray(String[]::new))
                                    .estimate(Duration.ofMinutes(g.estimateMinutes()));
                            if (g.lint()) {
                                group.workClass("lint");
                            }
                        });
                    }
                });
            }
            return b;
        }

        private static String list(List<String> items) {
            return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
        }
    }

    @Property(tries = 200)
    void theBuilderGivesThePlanTheEquivalentYamlGives(@ForAll("plans") PlanText text) {
        Plan parsed = PlanParser.parse(text.yaml(), "p.yaml");
        assertThat(text.builder().build()).isEqualTo(parsed);
        assertThat(PlanDigest.of(text.builder().build())).isEqualTo(PlanDigest.of(parsed));
    }

    @Property(tries = 200)
    void invalidPlansGetTheSameProblemsEitherWay(@ForAll("anyPlans") PlanText text) {
        List<String> fromYaml = problems(() -> PlanParser.parse(text.yaml(), "p.yaml"));
        List<String> fromBuilder = problems(() -> text.builder().build());
        assertThat(fromBuilder).isEqualTo(fromYaml);
    }

    @Provide
    Arbitrary<PlanText> plans() {
        return planTexts(true);
    }

    /** Plans that may be wrong: quotas above K, dependencies on later groups and specs (cycles, unknowns). */
    @Provide
    Arbitrary<PlanText> anyPlans() {
        return planTexts(false);
    }

    private static Arbitrary<PlanText> planTexts(boolean valid) {
        return Arbitraries.integers().between(1, 6).flatMap(k -> {
            int maxQuota = valid ? k : k + 2;
            Arbitrary<Integer> quota = Arbitraries.integers().between(valid ? 1 : 0, maxQuota).injectNull(0.5);
            Arbitrary<List<SpecText>> specs = Arbitraries.integers().between(1, 4)
                    .flatMap(n -> Combinators.combine(IntStream.range(0, n).mapToObj(i -> spec(i, n, valid)).toList())
                            .as(List::copyOf));
            Arbitrary<DispatchMode> mode = Arbitraries.of(DispatchMode.class);
            Arbitrary<Integer> lint = valid ? quota : Arbitraries.integers().between(-1, maxQuota).injectNull(0.5);
            return Combinators.combine(mode, quota, lint, specs)
                    .as((m, impl, l, s) -> {
                        // a group of class lint needs the class declared, unless the plan is allowed to be wrong
                        List<SpecText> fixed = valid && l == null ? s.stream().map(PlanBuilderTest::noLint).toList() : s;
                        return new PlanText(k, m, impl, l, fixed);
                    });
        }).withoutEdgeCases();
    }

    private static Arbitrary<SpecText> spec(int index, int count, boolean valid) {
        List<String> others = IntStream.range(0, valid ? index : count).mapToObj(d -> "s" + d).toList();
        Arbitrary<List<GroupText>> groups = Arbitraries.integers().between(1, 3)
                .flatMap(n -> Combinators.combine(IntStream.range(0, n).mapToObj(g -> group(g, n, valid)).toList())
                        .as(List::copyOf));
        return Combinators.combine(someOf(others), groups).as((deps, g) -> new SpecText("s" + index, deps, g));
    }

    private static Arbitrary<GroupText> group(int index, int count, boolean valid) {
        List<String> others = IntStream.range(0, valid ? index : count + 1).mapToObj(d -> "g" + d).toList();
        return Combinators.combine(someOf(others), Arbitraries.of(true, false), someOf(TOKENS), someOf(TOKENS),
                        Arbitraries.integers().between(1, 30))
                .as((deps, lint, reads, writes, minutes) -> new GroupText("g" + index, deps, lint, reads, writes, minutes));
    }

    private static SpecText noLint(SpecText s) {
        return new SpecText(s.id(), s.dependsOn(), s.groups().stream().map(g -> new GroupText(g.id(), g.dependsOn(),
                false, g.reads(), g.writes(), g.estimateMinutes())).toList());
    }

    private static Arbitrary<List<String>> someOf(List<String> items) {
        if (items.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        return Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)).list().ofSize(items.size())
                .map(picked -> IntStream.range(0, items.size()).filter(picked::get).mapToObj(items::get).toList());
    }

    // ---- invalid input, case by case -----------------------------------------------------------

    static Stream<Arguments> wrongPlans() {
        return Stream.of(
                Arguments.of("a group without a command", "specs: [{id: a, groups: [{id: g}]}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p").spec("a", s -> s.group("g", g -> { }))),
                Arguments.of("a new class without a rank",
                        "classes: {lint: {quota: 1}}\nspecs: [{id: a, groups: [{id: g, command: make, class: lint}]}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p").workClass("lint", c -> c.quota(1))
                                .spec("a", s -> s.group("g", g -> g.command("make").workClass("lint")))),
                Arguments.of("the catch-all token written", "specs: [{id: a, groups: [{id: g, command: make, writes: ['*']}]}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p")
                                .spec("a", s -> s.group("g", g -> g.command("make").writes("*")))),
                Arguments.of("K out of range", "run: {slots: 0}\nspecs: [{id: a, command: make}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p").slots(0)
                                .spec("a", s -> s.group("0", g -> g.command("make")))),
                Arguments.of("a spec without groups", "specs: [{id: a, groups: []}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p").spec("a", s -> { })),
                Arguments.of("duplicate specs and an unsafe id",
                        "specs: [{id: a, command: make}, {id: a, command: make}, {id: 'x y', command: make}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p")
                                .spec("a", s -> s.group("0", g -> g.command("make")))
                                .spec("a", s -> s.group("0", g -> g.command("make")))
                                .spec("x y", s -> s.group("0", g -> g.command("make")))),
                Arguments.of("a spec cycle and an unknown class and dependency",
                        "specs: [{id: a, depends-on: [b], command: make, class: lnit},"
                                + " {id: b, depends-on: [a, c], command: make}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p")
                                .spec("a", s -> s.dependsOn("b").group("0", g -> g.command("make").workClass("lnit")))
                                .spec("b", s -> s.dependsOn("a", "c").group("0", g -> g.command("make")))),
                Arguments.of("a backoff shorter than its maximum and a jitter above 100",
                        "classes: {implementation: {retry-backoff: 1m, retry-backoff-max: 10s, retry-backoff-jitter: 150}}\n"
                                + "specs: [{id: a, command: make}]",
                        (Supplier<PlanBuilder>) () -> PlanBuilder.named("p")
                                .workClass("implementation", c -> c.retryBackoff(Duration.ofMinutes(1),
                                        Duration.ofSeconds(10), 150))
                                .spec("a", s -> s.group("0", g -> g.command("make")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPlans")
    void aWrongPlanGetsTheSameOneLineProblemsAsItsYaml(String name, String yaml, Supplier<PlanBuilder> builder) {
        List<String> fromYaml = problems(() -> PlanParser.parse(yaml, "p.yaml"));
        assertThat(fromYaml).isNotEmpty();
        assertThat(problems(() -> builder.get().build())).isEqualTo(fromYaml);
    }

    @Test
    void aProblemOfABuiltPlanIsOneLineNamingThePlanAndWhere() {
        InvalidPlanException e = catchThrowableOfType(() -> PlanBuilder.named("nightly")
                .spec("a", s -> s.group("g", g -> g.command("make").dependsOn("f"))).build(),
                InvalidPlanException.class);
        assertThat(e.getMessage()).isEqualTo("nightly: spec a, group g: unknown dependency 'f' (a group of spec a)");
    }

    @Test
    void aGroupWithAPayloadNeedsNoCommandAndItsPlanCarriesThePayloadAsJson() throws Exception {
        record Task(String title, int points) {
        }
        Plan plan = PlanBuilder.named("p").spec("a", s -> s.group("g", g -> g.payload(new Task("lexer", 3)))).build();
        Command command = plan.specs().get(0).groups().get(0).command();
        assertThat(command.line()).isEmpty();
        assertThat(command.payload().toString()).isEqualTo("{\"title\":\"lexer\",\"points\":3}");
        // journaled with the plan: it reads back equal
        String json = EventCodec.mapper().writeValueAsString(plan);
        assertThat(EventCodec.mapper().readValue(json, Plan.class)).isEqualTo(plan);
    }

    @Test
    void aPlanWithoutPayloadsIsWrittenAsBeforePayloadsExisted() throws Exception {
        // the digest of a run's plan must not change under a resume: no "payload" key when there is none
        String json = EventCodec.mapper().writeValueAsString(Command.of("make"));
        assertThat(json).doesNotContain("payload");
        assertThat(EventCodec.mapper().readValue("{\"line\":\"make\",\"env\":{}}", Command.class))
                .isEqualTo(Command.of("make"));
    }

    @Test
    void kIsSetFromCodeWhenParsing() {
        String yaml = "run: {slots: 2}\nspecs: [{id: a, command: make}]";
        Plan plan = PlanParser.parse(yaml, "p.yaml", null, PlanParser.Overrides.slots(9));
        assertThat(plan.run().slots()).isEqualTo(9);
        // class quotas follow the K given, as they follow the plan's
        assertThat(plan.workClass(WorkClass.IMPLEMENTATION).orElseThrow().quota()).isEqualTo(9);
        assertThat(plan.workClass(WorkClass.REVIEW).orElseThrow().quota()).isEqualTo(3);
        assertThat(problems(() -> PlanParser.parse(yaml, "p.yaml", null, PlanParser.Overrides.slots(0))))
                .containsExactly("run: 'slots' must be between 1 and 10000, got 0");
    }

    /** Each problem as where and message: positions are the YAML's alone. */
    private static List<String> problems(Supplier<Plan> plan) {
        InvalidPlanException e;
        try {
            plan.get();
            return List.of();
        } catch (InvalidPlanException refused) {
            e = refused;
        }
        List<String> lines = new ArrayList<>();
        for (PlanProblem p : e.problems()) {
            lines.add((p.where().isEmpty() ? "" : p.where() + ": ") + p.message());
        }
        lines.sort(null);
        return lines;
    }
}
