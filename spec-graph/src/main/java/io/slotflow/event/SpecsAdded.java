package io.slotflow.event;

import io.slotflow.plan.Spec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Specs joined the live run: the one way a running run's graph grows. Folding it adds the specs to
 * the run's plan ({@link io.slotflow.plan.Plan#withAddedSpecs}); the engine starts an owner for each,
 * and a resume rebuilds them from this event. The specs were checked like a plan's before this was
 * journaled.
 *
 * @param by who added them: {@code source:<name>} for a work source's items, else the operator
 * @param run the source's run that printed them (0 when not from a source)
 * @param specs the added specs, in order
 */
@EventType(name = "specs-added", version = 1)
public record SpecsAdded(String by, int run, List<Spec> specs, Instant at) implements RunEvent {

    /** The {@link #by} of a work source's items. */
    public static String bySource(String source) {
        return "source:" + source;
    }

    public SpecsAdded {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        specs = List.copyOf(specs);
    }
}
