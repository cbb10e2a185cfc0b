package io.slotflow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier finds sessions holding more of a counted resource than its capacity, and nothing else. */
class ResourceCapacityCheckTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 4}
            resources: {gpu: 2}
            specs:
              - {id: a, command: 'true', writes: [a], uses: {gpu: 1}}
              - {id: b, command: 'true', writes: [b], uses: {gpu: 1}}
              - {id: c, command: 'true', writes: [c], uses: {gpu: 1}}
              - {id: d, command: 'true', writes: [d]}
            """, "gpu.yaml");

    private static NodeDispatched dispatched(String node, int slot) {
        return new NodeDispatched(node, 1, slot, "implementation", Footprint.of(List.of(), List.of(node)), Instant.EPOCH,
                Map.of(), Instant.EPOCH, NodeDispatched.LOCAL, false);
    }

    private static SessionFinished finished(String node, int slot) {
        return new SessionFinished(node, 1, slot, SessionOutcome.SUCCEEDED, 0, null, Instant.EPOCH);
    }

    private static List<Violation> resourceViolations(List<RunEvent> events) {
        return new Verifier().check(events).stream().filter(v -> v.guarantee() == Guarantee.RESOURCE_CAPACITY)
                .toList();
    }

    @Test
    void moreUnitsThanTheCapacityIsAViolation() {
        List<Violation> found = resourceViolations(List.of(new PlanAccepted("r", PLAN, "d", Instant.EPOCH),
                dispatched("a:0", 0), dispatched("b:0", 1), dispatched("c:0", 2)));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo("c:0 started while sessions held 3 units of resource gpu, more than"
                    + " its capacity 2");
            assertThat(v.evidence()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void unitsFreedByAFinishedSessionAndNodesWithoutUsesAreFine() {
        assertThat(resourceViolations(List.of(new PlanAccepted("r", PLAN, "d", Instant.EPOCH),
                dispatched("a:0", 0), dispatched("b:0", 1), dispatched("d:0", 2), finished("a:0", 0),
                dispatched("c:0", 0)))).isEmpty();
    }
}
