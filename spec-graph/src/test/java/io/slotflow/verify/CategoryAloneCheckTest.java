package io.slotflow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
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

/** The verifier finds two sessions of a parallel: false category running at once, and nothing else. */
class CategoryAloneCheckTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 3}
            categories:
              cleanup: {parallel: false}
              build: {}
            specs:
              - {id: c1, command: 'true', category: cleanup, writes: [x]}
              - {id: c2, command: 'true', category: cleanup, writes: [y]}
              - {id: b1, command: 'true', category: build, writes: [z]}
              - {id: b2, command: 'true', category: build, writes: [w]}
            """, "alone.yaml");

    private static NodeDispatched dispatched(String node, int slot) {
        return new NodeDispatched(node, 1, slot, "implementation", Footprint.of(List.of(), List.of(node)), Instant.EPOCH,
                Map.of(), Instant.EPOCH, NodeDispatched.LOCAL, false);
    }

    private static SessionFinished finished(String node, int slot) {
        return new SessionFinished(node, 1, slot, SessionOutcome.SUCCEEDED, 0, null, Instant.EPOCH);
    }

    private static List<Violation> aloneViolations(List<RunEvent> events) {
        return new Verifier().check(events).stream().filter(v -> v.guarantee() == Guarantee.CATEGORY_ALONE).toList();
    }

    @Test
    void twoSessionsOfACategoryThatRunsAloneAreAViolation() {
        List<Violation> found = aloneViolations(List.of(new PlanAccepted("r", PLAN, "d", Instant.EPOCH),
                new NodeReady("c1:0", 1, 0, Instant.EPOCH), new NodeReady("c2:0", 1, 0, Instant.EPOCH),
                dispatched("c1:0", 0), dispatched("c2:0", 1)));
        assertThat(found).singleElement().satisfies(v -> assertThat(v.message())
                .isEqualTo("c2:0 started while c1:0 of the same category cleanup ran"));
    }

    @Test
    void oneAfterTheOtherAndParallelCategoriesAreFine() {
        assertThat(aloneViolations(List.of(new PlanAccepted("r", PLAN, "d", Instant.EPOCH),
                dispatched("c1:0", 0), dispatched("b1:0", 1), dispatched("b2:0", 2), finished("c1:0", 0),
                dispatched("c2:0", 0)))).isEmpty();
    }
}
