package io.slotflow.plan;

import io.slotflow.footprint.Footprint;
import java.time.Duration;
import java.util.List;
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
 */
public record Group(
        String id,
        List<String> dependsOn,
        String workClass,
        Footprint footprint,
        Command command,
        Duration estimate,
        String category) {

    public Group {
        Objects.requireNonNull(id, "id");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(estimate, "estimate");
    }
}
