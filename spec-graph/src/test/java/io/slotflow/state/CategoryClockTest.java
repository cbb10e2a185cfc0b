package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.PlanParser;
import io.slotflow.policy.CategoryUse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slot time and NOOP streaks per category, folded from dispatch and finish events. */
class CategoryClockTest {

    private static final PlanGraph GRAPH = PlanGraph.of(PlanParser.parse("""
            categories:
              build: {share: 0.5}
              poll: {share: 0.5, cooldown: 10m, cooldown-after: 2}
            specs:
              - {id: b, command: 'true', category: build, estimate: 5m, writes: [b]}
              - {id: p, command: 'true', category: poll, estimate: 1m, writes: [p]}
            """, "clock.yaml"));

    private static NodeDispatched dispatched(String node, int attempt, long atSeconds) {
        return new NodeDispatched(node, attempt, 0, "implementation", Footprint.of(List.of(), List.of(node)),
                Instant.ofEpochSecond(0), Map.of(), Instant.ofEpochSecond(atSeconds), NodeDispatched.LOCAL, false);
    }

    private static SessionFinished finished(String node, int attempt, SessionOutcome outcome, long atSeconds) {
        return new SessionFinished(node, attempt, 0, outcome, 0, null, Instant.ofEpochSecond(atSeconds));
    }

    @Test
    void aRunningSessionCountsAtLeastItsEstimateAndAFinishedOneWhatItTook() {
        CategoryClock clock = new CategoryClock(GRAPH);
        clock.apply(dispatched("b:0", 1, 0));
        assertThat(clock.use(Instant.ofEpochSecond(60)).used("build")).isEqualTo(300_000);
        assertThat(clock.use(Instant.ofEpochSecond(400)).used("build")).isEqualTo(400_000);
        assertThat(clock.use(Instant.ofEpochSecond(60)).running("build")).isEqualTo(1);
        clock.apply(finished("b:0", 1, SessionOutcome.SUCCEEDED, 90));
        CategoryUse after = clock.use(Instant.ofEpochSecond(1000));
        assertThat(after.used("build")).isEqualTo(90_000);
        assertThat(after.running("build")).isZero();
    }

    @Test
    void noopSessionsInARowCoolTheCategoryDownFromTheLastOnesFinish() {
        CategoryClock clock = new CategoryClock(GRAPH);
        List<RunEvent> events = List.of(
                dispatched("p:0", 1, 0), finished("p:0", 1, SessionOutcome.NOOP, 10),
                dispatched("p:0", 2, 10), finished("p:0", 2, SessionOutcome.SUCCEEDED, 20),
                dispatched("p:0", 3, 20), finished("p:0", 3, SessionOutcome.NOOP, 30));
        events.forEach(clock::apply);
        assertThat(clock.use(Instant.ofEpochSecond(31)).coolingAt("poll", 31_000)).as("a success breaks the row")
                .isFalse();
        clock.apply(dispatched("p:0", 4, 30));
        clock.apply(finished("p:0", 4, SessionOutcome.NOOP, 40));
        CategoryUse use = clock.use(Instant.ofEpochSecond(41));
        assertThat(use.coolingUntil("poll")).isEqualTo(640_000);
        assertThat(use.coolingAt("poll", 639_999)).isTrue();
        assertThat(use.coolingAt("poll", 640_000)).isFalse();
        assertThat(use.coolingAt("build", 41_000)).isFalse();
    }

    @Test
    void aCopyFoldsOnWithoutChangingTheOriginal() {
        CategoryClock clock = new CategoryClock(GRAPH);
        clock.apply(dispatched("b:0", 1, 0));
        CategoryClock ahead = clock.copy();
        ahead.apply(finished("b:0", 1, SessionOutcome.SUCCEEDED, 30));
        assertThat(ahead.use(Instant.ofEpochSecond(30)).used("build")).isEqualTo(30_000);
        assertThat(clock.use(Instant.ofEpochSecond(30)).used("build")).isEqualTo(300_000);
    }
}
