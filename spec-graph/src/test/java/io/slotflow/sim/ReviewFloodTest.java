package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.metrics.ClassInterference;
import io.slotflow.metrics.Telemetry;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.WorkClass;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The review flood from the field: 12 specs (91-102), K = 3, four review types per spec, a barrier
 * that hot-loads 36 reviews once specs 91-99 complete while 100-102 still have chains of work.
 * The plan files are the ones the CLI examples and the engine tests use.
 */
class ReviewFloodTest {

    static final Path GUARDED = Path.of("../docs/examples/review-flood.yaml");
    static final Path UNGUARDED = Path.of("../docs/examples/review-flood-unguarded.yaml");

    @Test
    void theScenarioIsTheFieldOne() {
        Plan plan = PlanParser.parse(GUARDED);
        assertThat(plan.specs()).extracting(s -> s.id()).containsExactly(
                "91", "92", "93", "94", "95", "96", "97", "98", "99", "100", "101", "102");
        assertThat(plan.run().slots()).isEqualTo(3);
        assertThat(plan.reviewTypes()).extracting(t -> t.name())
                .containsExactly("skeptic", "auditor", "reviewer:pre-review", "reviewer:audit-review");
        assertThat(plan.barriers()).singleElement().satisfies(b -> {
            assertThat(b.after()).containsExactly("91", "92", "93", "94", "95", "96", "97", "98", "99");
            assertThat(b.injection()).isEqualTo(Injection.LAZY);
        });
        assertThat(plan.workClass(WorkClass.REVIEW).orElseThrow().quota()).as("the default: 1 of 3").isEqualTo(1);
    }

    @Test
    void withoutItsGuardsEveryReviewSlotIsTakenWhileImplementationWorkWaits() {
        Simulator.Result result = Simulator.run(PlanParser.parse(UNGUARDED));
        ClassInterference starvation = ClassInterference.implementationBehindReviews(result.events());
        assertThat(starvation.everySlotHeldWhileWaiting())
                .as("implementation nodes ready and waiting while all three slots run reviews").isTrue();
        assertThat(starvation.waitedBehind()).isGreaterThan(Duration.ofSeconds(10));
        assertThat(new Verifier().check(result.events())).isEmpty();
    }

    @Test
    void withTheDefaultClassesAndLazyInjectionImplementationWorkNeverWaitsBehindReviews() {
        Simulator.Result result = Simulator.run(PlanParser.parse(GUARDED));
        ClassInterference starvation = ClassInterference.implementationBehindReviews(result.events());
        assertThat(starvation.waitedBehind()).isEqualTo(Duration.ZERO);
        // a borrowed slot may hold a second review when a group becomes ready into its predecessor's slot
        assertThat(starvation.everySlotHeldWhileWaiting()).isFalse();
        assertThat(result.state().allFinal()).isTrue();
        assertThat(new Verifier().check(result.events())).isEmpty();
    }

    @Test
    void backfillLendsTheIdleSlotsToReviewsWithoutDelayingImplementationWork() {
        Simulator.Result result = Simulator.run(PlanParser.parse(GUARDED));
        Telemetry telemetry = Telemetry.of(result.events());
        assertThat(ClassInterference.implementationBehindReviews(result.events()).waitedBehind())
                .isEqualTo(Duration.ZERO);
        assertThat(telemetry.makespanRatio()).as("makespan over the lower bound").isLessThanOrEqualTo(1.15);
        assertThat(telemetry.utilization()).isGreaterThanOrEqualTo(0.85);
        assertThat(result.events()).filteredOn(e -> e instanceof NodeDispatched d && d.borrowed())
                .as("reviews beyond the quota of 1").isNotEmpty()
                .hasSize(telemetry.borrowed().sessions());
        assertThat(new Verifier().check(result.events())).isEmpty();
    }

    @Test
    void withBorrowingOffReviewsKeepToTheirQuota() {
        Plan plan = PlanParser.parse(GUARDED);
        Plan never = plan.withClasses(plan.classes().stream()
                .map(c -> c.name().equals(WorkClass.REVIEW) ? c.withBorrow(Borrow.NEVER) : c).toList());
        Simulator.Result result = Simulator.run(never);
        assertThat(result.events()).filteredOn(e -> e instanceof NodeDispatched d && d.borrowed()).isEmpty();
        assertThat(ClassInterference.implementationBehindReviews(result.events()).mostHeldWhileWaiting())
                .isLessThanOrEqualTo(1);
        assertThat(Telemetry.of(result.events()).makespanRatio()).isGreaterThan(1.5);
    }
}
