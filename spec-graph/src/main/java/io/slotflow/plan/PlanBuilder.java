package io.slotflow.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A plan written in Java instead of YAML: run settings, work classes, specs with their groups,
 * dependencies and footprints. {@link #build()} fills in the same defaults as {@link PlanParser} and
 * checks the plan with the same {@link PlanValidator}, so a builder and the equivalent YAML give equal
 * {@link Plan}s, and a plan with problems is refused as a whole with the same one-line problems
 * ({@link InvalidPlanException}), named by the plan's name instead of a file and position.
 *
 * <pre>{@code
 * Plan plan = PlanBuilder.named("nightly").slots(2)
 *         .workClass("lint", c -> c.rank(2).quota(1))
 *         .spec("parser", s -> s
 *                 .group("lexer", g -> g.command("make lexer").writes("src/lexer"))
 *                 .group("grammar", g -> g.dependsOn("lexer").payload(new Task("grammar")).reads("src/lexer")))
 *         .build();
 * }</pre>
 *
 * <p>Review types, barriers, categories and git workspaces are written in YAML for now. A builder is
 * not thread-safe; {@code build()} may be called more than once.
 */
public final class PlanBuilder {

    private final String name;
    private int slots = PlanDefaults.SLOTS;
    private DispatchMode dispatch = PlanDefaults.DISPATCH;
    private DispatchOrder order = DispatchOrder.CRITICAL_PATH;
    private final Map<String, List<Consumer<ClassBuilder>>> classes = new LinkedHashMap<>();
    private final List<SpecBuilder> specs = new ArrayList<>();
    private Path directory;

    private PlanBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A plan of this name (YAML's {@code name:}). */
    public static PlanBuilder named(String name) {
        return new PlanBuilder(name);
    }

    /** K, the number of sessions that may run at once ({@code run.slots}); 3 when not given. */
    public PlanBuilder slots(int k) {
        this.slots = k;
        return this;
    }

    public PlanBuilder dispatch(DispatchMode mode) {
        this.dispatch = Objects.requireNonNull(mode, "mode");
        return this;
    }

    public PlanBuilder order(DispatchOrder dispatchOrder) {
        this.order = Objects.requireNonNull(dispatchOrder, "dispatchOrder");
        return this;
    }

    /**
     * Declares a class, or changes {@code implementation} or {@code review} (YAML's {@code classes:}). A new
     * class needs a {@link ClassBuilder#rank rank}; what is not set keeps its default, which for quotas
     * follows the slots.
     */
    public PlanBuilder workClass(String className, Consumer<ClassBuilder> settings) {
        classes.computeIfAbsent(Objects.requireNonNull(className, "className"), n -> new ArrayList<>())
                .add(Objects.requireNonNull(settings, "settings"));
        return this;
    }

    /** Adds a spec, in plan order; {@code groups} adds its groups and dependencies. */
    public PlanBuilder spec(String id, Consumer<SpecBuilder> groups) {
        SpecBuilder spec = new SpecBuilder(Objects.requireNonNull(id, "id"));
        groups.accept(spec);
        specs.add(spec);
        return this;
    }

    /**
     * Where relative {@code workdir}s resolve: with it, each must be a directory there, as
     * {@link PlanParser} checks for a plan file's directory. Not checked when not given.
     */
    public PlanBuilder directory(Path planDirectory) {
        this.directory = Objects.requireNonNull(planDirectory, "planDirectory");
        return this;
    }

    /**
     * The plan, with every default filled in.
     *
     * @throws InvalidPlanException with every problem, one line each, when the plan must not run
     */
    public Plan build() {
        List<PlanProblem> problems = new ArrayList<>();
        PlanLocations given = PlanLocations.none();
        List<WorkClass> workClasses = workClasses(given, problems);
        List<Spec> built = specs.stream().map(s -> s.build(name, problems)).toList();
        Plan plan = new Plan(name, new RunSettings(slots, dispatch, order), workClasses, built, List.of(), List.of());
        problems.addAll(PlanValidator.validate(plan, name, given, directory));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(PlanProblem::line).thenComparingInt(PlanProblem::column));
            throw new InvalidPlanException(problems);
        }
        return plan;
    }

    private List<WorkClass> workClasses(PlanLocations given, List<PlanProblem> problems) {
        Map<String, WorkClass> all = new LinkedHashMap<>();
        all.put(WorkClass.IMPLEMENTATION, PlanDefaults.implementation(slots));
        all.put(WorkClass.REVIEW, PlanDefaults.review(slots));
        for (Map.Entry<String, List<Consumer<ClassBuilder>>> declared : classes.entrySet()) {
            ClassBuilder c = new ClassBuilder();
            declared.getValue().forEach(settings -> settings.accept(c));
            all.put(declared.getKey(), c.build(declared.getKey(), all.get(declared.getKey()), slots, name, given,
                    problems));
        }
        return List.copyOf(all.values());
    }
}
