package io.slotflow.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole plan: run settings, work classes, specs, review types, barriers, the workspace, categories and
 * counted resources ({@code resources}: name → capacity), with every default filled in. Built by {@link PlanParser}; checked by {@link PlanValidator}.
 *
 * <p>Immutable. Lookups here scan the lists; {@link io.slotflow.graph.PlanGraph} indexes a plan for
 * the hot paths.
 */
public record Plan(
        String name,
        RunSettings run,
        List<WorkClass> classes,
        List<Spec> specs,
        List<ReviewType> reviewTypes,
        List<Barrier> barriers,
        Workspace workspace,
        List<Category> categories,
        Map<String, Integer> resources,
        List<WorkSource> sources) {

    public Plan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(run, "run");
        classes = List.copyOf(classes);
        specs = List.copyOf(specs);
        reviewTypes = List.copyOf(reviewTypes);
        barriers = List.copyOf(barriers);
        // plans stored before workspaces existed ran in their own directories
        workspace = workspace == null ? Workspace.NONE : workspace;
        // plans stored before categories existed have none
        categories = categories == null ? List.of() : List.copyOf(categories);
        // and none before counted resources existed
        resources = ResourceAmounts.copyOf(resources);
        // plans stored before work sources existed have none
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A plan without work sources. */
    public Plan(String name, RunSettings run, List<WorkClass> classes, List<Spec> specs, List<ReviewType> reviewTypes,
            List<Barrier> barriers, Workspace workspace, List<Category> categories, Map<String, Integer> resources) {
        this(name, run, classes, specs, reviewTypes, barriers, workspace, categories, resources, List.of());
    }

    /** A plan without counted resources or work sources. */
    public Plan(String name, RunSettings run, List<WorkClass> classes, List<Spec> specs, List<ReviewType> reviewTypes,
            List<Barrier> barriers, Workspace workspace, List<Category> categories) {
        this(name, run, classes, specs, reviewTypes, barriers, workspace, categories, Map.of(), List.of());
    }

    /** This plan with {@code added} specs after its own (specs added to a live run). */
    public Plan withAddedSpecs(List<Spec> added) {
        List<Spec> all = new java.util.ArrayList<>(specs);
        all.addAll(added);
        return new Plan(name, run, classes, all, reviewTypes, barriers, workspace, categories, resources, sources);
    }

    /** A plan whose sessions run in the plan's directories, without declared categories. */
    public Plan(String name, RunSettings run, List<WorkClass> classes, List<Spec> specs, List<ReviewType> reviewTypes,
            List<Barrier> barriers) {
        this(name, run, classes, specs, reviewTypes, barriers, Workspace.NONE, List.of(), Map.of(), List.of());
    }

    /** A plan without declared categories. */
    public Plan(String name, RunSettings run, List<WorkClass> classes, List<Spec> specs, List<ReviewType> reviewTypes,
            List<Barrier> barriers, Workspace workspace) {
        this(name, run, classes, specs, reviewTypes, barriers, workspace, List.of(), Map.of(), List.of());
    }

    /** A plan whose sessions run in the plan's directories. */
    public Plan(String name, RunSettings run, List<WorkClass> classes, List<Spec> specs, List<ReviewType> reviewTypes,
            List<Barrier> barriers, List<Category> categories) {
        this(name, run, classes, specs, reviewTypes, barriers, Workspace.NONE, categories, Map.of(), List.of());
    }

    /** The workspace sessions of {@code className} get. */
    public Workspace workspaceOf(String className) {
        return workClass(className).map(c -> workspace.forClass(c.workspace())).orElse(workspace);
    }

    /** The declared category of that name, or one with every default (a label only). */
    public Category category(String categoryName) {
        return categories.stream().filter(c -> c.name().equals(categoryName)).findFirst()
                .orElseGet(() -> Category.plain(categoryName));
    }

    public Optional<WorkClass> workClass(String className) {
        return classes.stream().filter(c -> c.name().equals(className)).findFirst();
    }

    public Optional<Spec> spec(String specId) {
        return specs.stream().filter(s -> s.id().equals(specId)).findFirst();
    }

    public Optional<ReviewType> reviewType(String typeName) {
        return reviewTypes.stream().filter(t -> t.name().equals(typeName)).findFirst();
    }

    public Optional<Barrier> barrier(String barrierName) {
        return barriers.stream().filter(b -> b.name().equals(barrierName)).findFirst();
    }

    public Plan withRun(RunSettings settings) {
        return new Plan(name, settings, classes, specs, reviewTypes, barriers, workspace, categories, resources, sources);
    }

    public Plan withClasses(List<WorkClass> newClasses) {
        return new Plan(name, run, newClasses, specs, reviewTypes, barriers, workspace, categories, resources, sources);
    }

    public Plan withBarriers(List<Barrier> newBarriers) {
        return new Plan(name, run, classes, specs, reviewTypes, newBarriers, workspace, categories, resources, sources);
    }
}
