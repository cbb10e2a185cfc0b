package io.slotflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.sim.Simulator;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final RetryBackoff TEN_TO_A_MINUTE = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0);

    @Test
    void theWaitDoublesPerFailureUpToItsCap() {
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(f -> TEN_TO_A_MINUTE.delay(f, 0)).toList()).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        assertThat(RetryBackoff.NONE.delay(3, 1)).isZero();
    }

    @Test
    void theJitterSpreadsTheWaitByItsPercentageEitherWay() {
        RetryBackoff jittered = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 20);
        assertThat(jittered.delay(1, -1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(jittered.delay(1, 1)).isEqualTo(Duration.ofSeconds(12));
        assertThat(jittered.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void aPlanGivesItPerClassWithDefaultsForTheCapAndJitterAndKeepsOldDigests() {
        Plan plan = PlanParser.parse("""
                classes:
                  implementation: {retry-backoff: 30s}
                  review: {retry-backoff: 1m, retry-backoff-max: 10m, retry-backoff-jitter: 5}
                specs:
                  - id: a
                    command: "true"
                """, "p.yaml");
        assertThat(plan.classes()).filteredOn(c -> c.name().equals("implementation")).singleElement()
                .extracting(WorkClass::retryBackoff)
                .isEqualTo(new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(16), 20));
        assertThat(plan.classes()).filteredOn(c -> c.name().equals("review")).singleElement()
                .extracting(WorkClass::retryBackoff)
                .isEqualTo(new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(10), 5));

        String withoutBackoff = "specs:\n  - id: a\n    command: \"true\"\n";
        String json = io.slotflow.event.EventCodec.mapper().valueToTree(PlanParser.parse(withoutBackoff, "p.yaml"))
                .toString();
        assertThat(json).as("a plan without a backoff serialises as before it existed").doesNotContain("retryBackoff");
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> PlanParser.parse("""
                classes:
                  implementation: {retry-backoff: 1m, retry-backoff-max: 10s}
                specs:
                  - id: a
                    command: "true"
                """, "p.yaml")).hasMessageContaining("'retry-backoff-max' must be at least 'retry-backoff' (1m)");
    }

    @Test
    void aDryRunWaitsOutTheBackoffBeforeTheRetryStarts() {
        Plan plan = PlanParser.parse("""
                run: {slots: 2}
                classes:
                  implementation: {retry-backoff: 5m, retry-backoff-jitter: 0, max-attempts: 2}
                specs:
                  - id: a
                    command: "true"
                    estimate: 1m
                """, "p.yaml");
        Simulator.Result result = Simulator.run(plan, Simulator.Settings.defaults()
                .withOutcomes((node, attempt) -> attempt == 1 ? SessionOutcome.FAILED : SessionOutcome.SUCCEEDED));
        SessionFinished failed = result.events().stream().filter(SessionFinished.class::isInstance)
                .map(SessionFinished.class::cast).findFirst().orElseThrow();
        NodeReady retry = result.events().stream().filter(NodeReady.class::isInstance).map(NodeReady.class::cast)
                .filter(r -> r.attempt() == 2).findFirst().orElseThrow();
        NodeDispatched second = result.events().stream().filter(NodeDispatched.class::isInstance)
                .map(NodeDispatched.class::cast).filter(d -> d.attempt() == 2).findFirst().orElseThrow();
        assertThat(retry.notBefore()).isEqualTo(retry.at().plus(Duration.ofMinutes(5)));
        assertThat(Duration.between(failed.at(), second.at())).isEqualTo(Duration.ofMinutes(5));
        assertThat(result.makespan()).isEqualTo(Duration.ofMinutes(7));
        assertThat(new Verifier().check(result.events())).isEmpty();
    }
}
