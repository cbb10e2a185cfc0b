package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.state.RunState;
import io.slotflow.testing.PlanArbitraries;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every guarantee of DESIGN.md, on generated plans with generated durations and outcomes, checked by
 * the independent {@link Verifier} from the event list alone. Plans and sessions come from jqwik
 * combinators ({@link PlanArbitraries}), so a failure shrinks to a small plan whose sessions all
 * succeed quickly unless the failure needs otherwise.
 */
class SimulatorPropertiesTest {

    /** How one session goes: picked for a node's attempt by its hash, so the same case runs the same way. */
    record Session(Duration runs, SessionOutcome outcome) {
    }

    record Case(Plan plan, List<Session> sessions) {

        Session of(String node, int attempt) {
            Session s = sessions.get(Math.floorMod(node.hashCode() * 31 + attempt, sessions.size()));
            // a lost session is run again without limit: from the fourth attempt on it is not lost, so every run ends
            return attempt > 3 && s.outcome() == SessionOutcome.LOST ? new Session(s.runs(), SessionOutcome.SUCCEEDED) : s;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Session> session = Combinators.combine(
                Arbitraries.integers().between(1, 1800).map(Duration::ofSeconds),
                Arbitraries.frequency(Tuple.of(17, SessionOutcome.SUCCEEDED), Tuple.of(1, SessionOutcome.FAILED),
                        Tuple.of(1, SessionOutcome.NOOP), Tuple.of(1, SessionOutcome.LOST)))
                .as(Session::new);
        return Combinators.combine(PlanArbitraries.plans(), session.list().ofMinSize(1).ofMaxSize(64)).as(Case::new);
    }

    private static Simulator.Result simulate(Case c) {
        Simulator.Settings settings = Simulator.Settings.defaults()
                .withDurations((node, attempt) -> c.of(node.id(), attempt).runs())
                .withOutcomes((node, attempt) -> c.of(node.id(), attempt).outcome());
        return Simulator.run(c.plan(), settings);
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
