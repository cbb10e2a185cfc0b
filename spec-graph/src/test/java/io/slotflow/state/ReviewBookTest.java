package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.BarrierReached;
import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.Injection;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewBookTest {

    private static final Instant T = Instant.EPOCH;
    private static final Duration M = Duration.ofMinutes(1);

    private static PlanGraph graph(TestPlanBuilder plan) {
        return PlanGraph.of(plan
                .spec("a").group("0", M, List.of("a"))
                .spec("b").group("0", M, List.of("b"))
                .spec("c").group("0", M, List.of("c"))
                .build());
    }

    private static List<RunEvent> applied(ReviewBook book, List<RunEvent> events) {
        events.forEach(book::apply);
        return events;
    }

    @Test
    void anEagerBarrierAfterANamedSetMakesItsReviewsReadyAtOnce() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierAfter("ab", List.of("a", "b"), List.of("skeptic"), Injection.EAGER)));
        assertThat(applied(book, book.specSettled("a", true, T))).isEmpty();
        assertThat(applied(book, book.specSettled("b", true, T))).containsExactly(
                new BarrierReached("ab", List.of("a", "b"), T),
                new ReviewsCreated("ab", List.of("a:0:skeptic", "b:0:skeptic"), Injection.EAGER, T),
                new NodeReady("a:0:skeptic", 1, 0, T), new NodeReady("b:0:skeptic", 1, 0, T));
        assertThat(book.specSettled("b", true, T)).as("notices are idempotent").isEmpty();
    }

    @Test
    void aSetBarrierReviewsOnlyTheSpecsThatCompleted() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierAfter("ab", List.of("a", "b"), List.of("skeptic"), Injection.EAGER)));
        applied(book, book.specSettled("a", false, T));
        assertThat(applied(book, book.specSettled("b", true, T))).startsWith(
                new BarrierReached("ab", List.of("b"), T),
                new ReviewsCreated("ab", List.of("b:0:skeptic"), Injection.EAGER, T));
    }

    @Test
    void lazyReviewsAreReadyAtOnceButMarkedLazy() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierEvery("each", 1, List.of("skeptic"), Injection.LAZY, 4)));
        assertThat(applied(book, book.specSettled("a", true, T))).containsExactly(
                new BarrierReached("each", List.of("a"), T),
                new ReviewsCreated("each", List.of("a:0:skeptic"), Injection.LAZY, T),
                new NodeReady("a:0:skeptic", 1, 0, T));
        assertThat(book.readyNodes()).singleElement().satisfies(r -> assertThat(r.node().lazy()).isTrue());
    }

    @Test
    void everyNCompletionsFiresInGroupsAndTheRemainderOnceAllSpecsSettled() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierEvery("pairs", 2, List.of("skeptic"), Injection.EAGER, 4)));
        assertThat(applied(book, book.specSettled("a", true, T))).isEmpty();
        assertThat(applied(book, book.specSettled("b", true, T))).first()
                .isEqualTo(new BarrierReached("pairs", List.of("a", "b"), T));
        assertThat(applied(book, book.specSettled("c", true, T))).first()
                .isEqualTo(new BarrierReached("pairs", List.of("c"), T));
    }

    @Test
    void batchedReviewsOfOneTypeMergeUpToTheBatchSize() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of("src/{spec}"))
                .reviewType("auditor", M, List.of())
                .barrierAfter("all", List.of("a", "b", "c"), List.of("skeptic", "auditor"), Injection.BATCHED)));
        applied(book, book.specSettled("a", true, T));
        applied(book, book.specSettled("b", true, T));
        List<RunEvent> events = applied(book, book.specSettled("c", true, T));
        // batch size 4 in the builder: three skeptic reviews make one batch, three auditor reviews another
        assertThat(events).containsSubsequence(
                new BatchFormed("batch-1:skeptic", "skeptic", List.of("a:0:skeptic", "b:0:skeptic", "c:0:skeptic"), T),
                new NodeReady("batch-1:skeptic", 1, 0, T),
                new BatchFormed("batch-2:auditor", "auditor", List.of("a:0:auditor", "b:0:auditor", "c:0:auditor"), T),
                new NodeReady("batch-2:auditor", 1, 0, T));
        assertThat(book.node("batch-1:skeptic").footprint().reads()).containsExactly("src/a", "src/b", "src/c");
        assertThat(book.node("batch-1:skeptic").reviewedSpecs()).containsExactly("a", "b", "c");
        assertThat(book.state("a:0:skeptic")).isEqualTo(ReviewBook.State.BATCHED);
    }

    @Test
    void batchesSplitAtTheBatchSize() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierEvery("trio", 3, List.of("skeptic"), Injection.BATCHED, 2)));
        applied(book, book.specSettled("a", true, T));
        applied(book, book.specSettled("b", true, T));
        assertThat(applied(book, book.specSettled("c", true, T)).stream().filter(e -> e instanceof BatchFormed))
                .containsExactly(
                        new BatchFormed("batch-1:skeptic", "skeptic", List.of("a:0:skeptic", "b:0:skeptic"), T),
                        new BatchFormed("batch-2:skeptic", "skeptic", List.of("c:0:skeptic"), T));
    }

    @Test
    void aBatchOutcomeAppliesToEveryMember() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierAfter("all", List.of("a", "b"), List.of("skeptic"), Injection.BATCHED)));
        applied(book, book.specSettled("a", true, T));
        applied(book, book.specSettled("b", true, T));
        assertThat(applied(book, book.sessionOutcome(new NodeOutcome("batch-1:skeptic", 1, SessionOutcome.SUCCEEDED, ""), T)))
                .containsExactly(new NodeSucceeded("batch-1:skeptic", 1, false, T),
                        new NodeSucceeded("a:0:skeptic", 1, false, T), new NodeSucceeded("b:0:skeptic", 1, false, T));
        applied(book, book.specSettled("c", true, T));
        assertThat(book.isDone()).isTrue();
    }

    @Test
    void aReviewFailingForGoodFailsOnlyItself() {
        ReviewBook book = new ReviewBook(graph(TestPlanBuilder.plan().reviewType("skeptic", M, List.of())
                .barrierAfter("a", List.of("a"), List.of("skeptic"), Injection.EAGER)));
        applied(book, book.specSettled("a", true, T));
        assertThat(applied(book, book.sessionOutcome(new NodeOutcome("a:0:skeptic", 1, SessionOutcome.FAILED, ""), T)))
                .containsExactly(new NodeReady("a:0:skeptic", 2, 1, T));
        assertThat(applied(book, book.sessionOutcome(new NodeOutcome("a:0:skeptic", 2, SessionOutcome.FAILED, "exit 2"), T)))
                .containsExactly(new NodeFailed("a:0:skeptic", 2, SessionOutcome.FAILED,
                        "failed (exit 2), 2 of 2 attempts used", T));
        assertThat(book.isDone()).as("b and c have not settled").isFalse();
    }
}
