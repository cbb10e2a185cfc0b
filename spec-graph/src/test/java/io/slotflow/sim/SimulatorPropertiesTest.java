package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.state.RunState;
import io.slotflow.testing.RandomPlans;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every guarantee of DESIGN.md, on random plans with random durations and outcomes, checked by the
 * independent {@link Verifier} from the event list alone. A failure prints jqwik's seed; rerun with
 * {@code @Property(seed = "...")} to reproduce it.
 */
class SimulatorPropertiesTest {

    record Case(Plan plan, long outcomeSeed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(random -> new Case(RandomPlans.generate(random), random.nextLong()));
    }

    private static Simulator.Result simulate(Case c) {
        Simulator.Settings settings = Simulator.Settings.defaults()
                .withDurations((node, attempt) -> Duration.ofSeconds(1 + seeded(c, node.id(), attempt).nextInt(1800)))
                .withOutcomes((node, attempt) -> {
                    int roll = seeded(c, node.id(), attempt).nextInt(20);
                    return roll == 0 ? SessionOutcome.FAILED
                            : roll == 1 ? SessionOutcome.NOOP
                            : roll == 2 ? SessionOutcome.LOST
                            : SessionOutcome.SUCCEEDED;
                });
        return Simulator.run(c.plan(), settings);
    }

    private static Random seeded(Case c, String node, int attempt) {
        return new Random(c.outcomeSeed() ^ (node.hashCode() * 31L + attempt));
    }

    @Property(tries = 300)
    void everyGuaranteeHolds(@ForAll("cases") Case c) {
        Simulator.Result result = simulate(c);
        assertThat(new Verifier().check(result.events())).isEmpty();
    }

    @Property(tries = 300)
    void everyRunCompletesWithEveryNodeFinal(@ForAll("cases") Case c) {
        Simulator.Result result = simulate(c);
        assertThat(result.events().get(result.events().size() - 1)).isInstanceOf(RunCompleted.class);
        assertThat(result.state().allFinal()).isTrue();
        assertThat(result.state().running()).isEmpty();
    }

    @Property(tries = 100)
    void replayingTheEventsGivesTheSameState(@ForAll("cases") Case c) {
        Simulator.Result result = simulate(c);
        RunState replayed = RunState.fold(result.events());
        assertThat(replayed.nodes()).isEqualTo(result.state().nodes());
        assertThat(replayed.counts()).isEqualTo(result.state().counts());
    }

    @Property(tries = 100)
    void theSamePlanGivesTheSameEvents(@ForAll("cases") Case c) {
        List<RunEvent> first = simulate(c).events();
        List<RunEvent> second = simulate(c).events();
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 200)
    void noScheduleBeatsTheLowerBoundWhenEverythingSucceeds(@ForAll("cases") Case c) {
        Simulator.Result result = Simulator.run(c.plan());
        assertThat(result.makespan()).isGreaterThanOrEqualTo(result.lowerBound());
    }
}
