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

/** Same-lock violations per category, counted from the events alone (table of named cases). */
class SameLockCheckTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 3}
            categories:
              cleanup: {parallel: false}
              build: {}
            specs:
              - {id: c1, command: 'true', category: cleanup, writes: [x]}
              - {id: c2, command: 'true', category: cleanup, writes: [y]}
              - {id: b1, command: 'true', category: build, writes: [z, 'lock:build']}
              - {id: b2, command: 'true', category: build, writes: [w, 'lock:build']}
              - {id: b3, command: 'true', category: build, writes: [v]}
            """, "locks.yaml");

    private static NodeDispatched dispatched(String node, String... writes) {
        return new NodeDispatched(node, 1, 0, "implementation", Footprint.of(List.of(), List.of(writes)),
                Instant.EPOCH, Map.of(), Instant.EPOCH, NodeDispatched.LOCAL, false);
    }

    private static SessionFinished finished(String node) {
        return new SessionFinished(node, 1, 0, SessionOutcome.SUCCEEDED, 0, null, Instant.EPOCH);
    }

    private static Map<String, Integer> count(RunEvent... events) {
        List<RunEvent> all = new java.util.ArrayList<>(List.of(new PlanAccepted("r", PLAN, "d", Instant.EPOCH)));
        all.addAll(List.of(events));
        return Verifier.sameLockViolations(all);
    }

    @Test
    void cleanRunsCountZeroForEveryCategory() {
        assertThat(count(dispatched("c1:0", "x"), dispatched("b1:0", "z", "lock:build"), dispatched("b3:0", "v"),
                finished("c1:0"), finished("b1:0"), dispatched("c2:0", "y"), dispatched("b2:0", "w", "lock:build")))
                .isEqualTo(Map.of("cleanup", 0, "build", 0));
    }

    @Test
    void twoHoldersOfALockTokenAreOneViolationOfThatCategory() {
        assertThat(count(dispatched("b1:0", "z", "lock:build"), dispatched("b2:0", "w", "lock:build")))
                .isEqualTo(Map.of("cleanup", 0, "build", 1));
    }

    @Test
    void aParallelFalseCategoryIsItsOwnLock() {
        assertThat(count(dispatched("c1:0", "x"), dispatched("c2:0", "y")))
                .isEqualTo(Map.of("cleanup", 1, "build", 0));
    }

    @Test
    void sessionsWithoutTheLockDoNotCount() {
        assertThat(count(dispatched("b1:0", "z", "lock:build"), dispatched("b3:0", "v")))
                .isEqualTo(Map.of("cleanup", 0, "build", 0));
    }
}
