package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.QueueDecided;
import io.slotflow.event.RunEvent;
import io.slotflow.metrics.ClassInterference;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.policy.WaitKind;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review-flood plan through the real actors and an H2 journal, sessions in the JVM at a
 * twentieth of their estimates; everything is asserted from the journal.
 */
class ReviewFloodEngineTest {

    @TempDir
    Path dir;

    @Test
    void withTheDefaultsImplementationWorkNeverWaitsBehindReviewsAndNoLimitIsExceeded() throws Exception {
        Plan plan = PlanParser.parse(Path.of("../docs/examples/review-flood.yaml"));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.scaled(0.05))) {
            RunResult result = engine.run(plan, new RunOptions("flood", dir)).result().toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);

            List<RunEvent> journal = engine.journal().events("flood");
            assertThat(new Verifier().check(journal))
                    .as("K, the review quota, footprints, dependencies, rank order, the recorded wait reasons").isEmpty();
            assertThat(journal).filteredOn(e -> e instanceof QueueDecided q
                            && q.waiting().values().stream().anyMatch(w -> w.kind() == WaitKind.CLASS_QUOTA))
                    .as("reviews held back by their quota are journaled as such").isNotEmpty();
            ClassInterference interference = ClassInterference.implementationBehindReviews(journal);
            assertThat(interference.waitedBehind()).isEqualTo(Duration.ZERO);
            // a borrowed slot may hold a second review when a group becomes ready into its predecessor's slot
            assertThat(interference.everySlotHeldWhileWaiting()).isFalse();
            assertThat(journal).filteredOn(e -> e instanceof NodeDispatched d && d.borrowed())
                    .as("reviews borrow the slots implementation work leaves idle").isNotEmpty();
        }
    }
}
