package io.slotflow.plan;

import io.slotflow.footprint.Footprint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An implementation group of a spec: one session of work.
 *
 * @param id unique within its spec; the node id is {@code <spec>:<id>}
 * @param dependsOn ids of groups of the same spec that must complete first
 * @param workClass the class it runs in, {@code implementation} by default
 * @param footprint the areas it reads and writes
 * @param command what the session runs
 * @param estimate expected duration, for the critical path, the simulator and dry-run
 * @param category optional label for telemetry (e.g. {@code parser}); null when none
 * @param uses counted resources its session holds while it runs (name → units); empty when none
 */
public record Group(
        String id,
        List<String> dependsOn,
        String workClass,
        Footprint footprint,
        Command command,
        Duration estimate,
        String category,
        Map<String, Integer> uses) {

    public Group {
        Objects.requireNonNull(id, "id");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(estimate, "estimate");
        uses = ResourceAmounts.copyOf(uses);
    }

    /** A group that uses no counted resource. */
    public Group(String id, List<String> dependsOn, String workClass, Footprint footprint, Command command,
            Duration estimate, String category) {
        this(id, dependsOn, workClass, footprint, command, estimate, category, Map.of());
    }
}
