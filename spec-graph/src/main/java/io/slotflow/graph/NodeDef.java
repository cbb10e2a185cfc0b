package io.slotflow.graph;

import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Command;
import io.slotflow.plan.ResourceAmounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs to schedule and run one node, resolved from the plan.
 *
 * @param id see {@link NodeIds}
 * @param kind group, review or batch
 * @param spec the owning spec; for a batch, the spec of its first member
 * @param workClass the class it runs in
 * @param footprint resolved tokens ({@code {spec}} replaced)
 * @param command what its session runs
 * @param estimate expected duration
 * @param category telemetry label, or null
 * @param dependsOn node ids that must succeed before it may start
 * @param reviewedSpecs for reviews and batches, the specs under review; empty for groups
 * @param members for a batch, the review nodes it runs; empty otherwise
 * @param lazy started only into a slot that would otherwise sit idle (lazy and batched reviews)
 * @param uses counted resources its session holds while it runs (name → units); empty when none
 */
public record NodeDef(
        String id,
        NodeKind kind,
        String spec,
        String workClass,
        Footprint footprint,
        Command command,
        Duration estimate,
        String category,
        List<String> dependsOn,
        List<String> reviewedSpecs,
        List<String> members,
        boolean lazy,
        Map<String, Integer> uses) {

    public NodeDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(estimate, "estimate");
        dependsOn = List.copyOf(dependsOn);
        reviewedSpecs = List.copyOf(reviewedSpecs);
        members = List.copyOf(members);
        uses = ResourceAmounts.copyOf(uses);
    }

    /** A node that uses no counted resource. */
    public NodeDef(String id, NodeKind kind, String spec, String workClass, Footprint footprint, Command command,
            Duration estimate, String category, List<String> dependsOn, List<String> reviewedSpecs,
            List<String> members, boolean lazy) {
        this(id, kind, spec, workClass, footprint, command, estimate, category, dependsOn, reviewedSpecs, members,
                lazy, Map.of());
    }
}
