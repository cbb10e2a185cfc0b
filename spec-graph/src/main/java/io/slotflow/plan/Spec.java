package io.slotflow.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec: a unit of work made of implementation groups. It completes when all its groups have.
 *
 * @param id unique in the plan, safe as a file name
 * @param dependsOn specs that must complete before any group of this one starts
 * @param groups its implementation groups, in plan order
 */
public record Spec(String id, List<String> dependsOn, List<Group> groups) {

    public Spec {
        Objects.requireNonNull(id, "id");
        dependsOn = List.copyOf(dependsOn);
        groups = List.copyOf(groups);
    }

    public Optional<Group> group(String groupId) {
        return groups.stream().filter(g -> g.id().equals(groupId)).findFirst();
    }

    /** The group a spec-level review is attached to: the last one in plan order. */
    public Group lastGroup() {
        return groups.get(groups.size() - 1);
    }
}
