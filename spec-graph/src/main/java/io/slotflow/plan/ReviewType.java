package io.slotflow.plan;

import io.slotflow.footprint.Footprint;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A kind of review a barrier can give a completed spec. The session learns which spec it reviews
 * from {@code SLOTFLOW_SPEC} (or {@code SLOTFLOW_REVIEWED_SPECS} for a batch).
 *
 * @param name e.g. {@code skeptic}, {@code reviewer:pre-review}
 * @param workClass {@code review} by default
 * @param footprint tokens may contain {@code {spec}}, replaced by the reviewed spec's id
 * @param command what the review session runs
 * @param estimate expected duration
 * @param uses counted resources its session holds while it runs (a batch session holds them once)
 */
public record ReviewType(String name, String workClass, Footprint footprint, Command command, Duration estimate,
        Map<String, Integer> uses) {

    public ReviewType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workClass, "workClass");
        Objects.requireNonNull(footprint, "footprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(estimate, "estimate");
        uses = ResourceAmounts.copyOf(uses);
    }

    /** A review type that uses no counted resource. */
    public ReviewType(String name, String workClass, Footprint footprint, Command command, Duration estimate) {
        this(name, workClass, footprint, command, estimate, Map.of());
    }
}
