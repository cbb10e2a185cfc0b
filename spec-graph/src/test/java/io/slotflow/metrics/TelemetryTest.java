package io.slotflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Plan;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telemetry keeps the time the engine was down out of makespan, busy time and utilization. */
class TelemetryTest {

    private static final Plan PLAN = TestPlanBuilder.plan().slots(2)
            .spec("a").group("0", Duration.ofSeconds(20), List.of("x"))
            .spec("b").group("0", Duration.ofSeconds(20), List.of("y"))
            .build();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final List<RunEvent> events = new ArrayList<>();

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private void dispatch(String node, int attempt, int slot, long second) {
        events.add(new NodeDispatched(node, attempt, slot, "implementation", Footprint.of(List.of(), List.of(node)),
                at(second), Map.of(), at(second), NodeDispatched.LOCAL));
    }

    private void finish(String node, int attempt, int slot, SessionOutcome outcome, long second) {
        events.add(new SessionFinished(node, attempt, slot, outcome, 0, "", at(second)));
    }

    @Test
    void aRunWithoutStopsHasItsWallTimeAsMakespan() {
        events.add(new PlanAccepted("r", PLAN, "", at(0)));
        events.add(new NodeReady("a:0", 1, 0, at(0)));
        dispatch("a:0", 1, 0, 0);
        finish("a:0", 1, 0, SessionOutcome.SUCCEEDED, 10);
        events.add(new RunCompleted(at(12)));
        Telemetry t = Telemetry.of(events);
        assertThat(t.makespan()).isEqualTo(Duration.ofSeconds(12));
        assertThat(t.wallTime()).isEqualTo(Duration.ofSeconds(12));
        assertThat(t.downTime()).isZero();
        assertThat(t.resumes()).isZero();
    }

    @Test
    void theTenMinutesTheEngineWasDownAreNotMakespanNorBusyTime() {
        events.add(new PlanAccepted("r", PLAN, "", at(0)));
        events.add(new NodeReady("a:0", 1, 0, at(0)));
        events.add(new NodeReady("b:0", 1, 0, at(0)));
        dispatch("a:0", 1, 0, 1);
        dispatch("b:0", 1, 1, 1);
        finish("a:0", 1, 0, SessionOutcome.SUCCEEDED, 10);
        events.add(new NodeSucceeded("a:0", 1, false, at(10)));
        // the engine dies at 10 s with b:0 running; it is started again ten minutes later
        events.add(new RunResumed(at(610)));
        finish("b:0", 1, 1, SessionOutcome.LOST, 610);
        events.add(new NodeReady("b:0", 2, 0, at(610)));
        dispatch("b:0", 2, 1, 611);
        finish("b:0", 2, 1, SessionOutcome.SUCCEEDED, 631);
        events.add(new NodeSucceeded("b:0", 2, false, at(631)));
        events.add(new RunCompleted(at(631)));

        Telemetry t = Telemetry.of(events);
        assertThat(t.wallTime()).isEqualTo(Duration.ofSeconds(631));
        assertThat(t.downTime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(t.makespan()).isEqualTo(Duration.ofSeconds(31));
        assertThat(t.resumes()).isEqualTo(1);
        // a:0 9 s, the lost b:0 9 s before the engine died, b:0 again 20 s
        assertThat(t.busy()).isEqualTo(Duration.ofSeconds(38));
        assertThat(t.utilization()).isCloseTo(38.0 / (2 * 31), org.assertj.core.data.Offset.offset(0.001));
        assertThat(t.makespanRatio()).isCloseTo(31.0 / 20, org.assertj.core.data.Offset.offset(0.001));
    }
}
