package io.slotflow.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** One spec of a {@link PlanBuilder}: its dependencies on other specs and its groups, in plan order. */
public final class SpecBuilder {

    private final String id;
    private final List<String> dependsOn = new ArrayList<>();
    private final List<GroupBuilder> groups = new ArrayList<>();

    SpecBuilder(String id) {
        this.id = id;
    }

    /** Specs that must complete before any group of this one starts. */
    public SpecBuilder dependsOn(String... specIds) {
        for (String spec : specIds) {
            dependsOn.add(Objects.requireNonNull(spec, "spec id"));
        }
        return this;
    }

    /** Adds a group (one session of work; its node id is {@code <spec>:<id>}). */
    public SpecBuilder group(String groupId, Consumer<GroupBuilder> work) {
        GroupBuilder group = new GroupBuilder(Objects.requireNonNull(groupId, "groupId"));
        work.accept(group);
        groups.add(group);
        return this;
    }

    Spec build(String file, List<PlanProblem> problems) {
        return new Spec(id, dependsOn, groups.stream()
                .map(g -> g.build("spec " + id + ", group " + g.id(), file, problems)).toList());
    }
}
