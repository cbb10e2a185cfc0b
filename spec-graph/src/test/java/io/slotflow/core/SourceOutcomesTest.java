package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SourceDrained;
import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRejected;
import io.slotflow.event.SourceRun;
import io.slotflow.event.SpecsAdded;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.state.WorkSources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a source's run comes to: items checked like a plan's specs, rejections, failures with backoff. */
class SourceOutcomesTest {

    private static final Plan PLAN = PlanParser.parse("""
            categories:
              feature: {share: 0.5}
            sources:
              finder: {category: feature, command: ./find.sh, retries: 2, backoff: 1s}
            specs:
              - {id: f0, command: 'true', category: feature}
            """, "sources.yaml");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static WorkSources runningBook(int run) {
        WorkSources book = new WorkSources(PLAN.sources());
        book.apply(new SourceRun("finder", run, "feature", NOW));
        return book;
    }

    private static List<RunEvent> decide(WorkSources book, int run, SourceVerdict verdict) {
        return SourceOutcomes.decide(new Input.SourceOutput("finder", run, verdict), PLAN, book, NOW).orElseThrow();
    }

    private static SourceVerdict items(String specs) {
        return new SourceVerdict.Items("{\"specs\": " + specs + "}", "printed", 7);
    }

    @Test
    void matchingItemsAreAddedAsSpecs() {
        List<RunEvent> events = decide(runningBook(1), 1,
                items("[{\"id\": \"f1\", \"command\": \"true\", \"category\": \"feature\", \"estimate\": \"2s\"}]"));
        assertThat(events).singleElement().isInstanceOfSatisfying(SpecsAdded.class, added -> {
            assertThat(added.by()).isEqualTo("source:finder");
            assertThat(added.specs()).extracting(io.slotflow.plan.Spec::id).containsExactly("f1");
            assertThat(added.specs().get(0).groups().get(0).estimate()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void noItemsDrainsTheSource() {
        assertThat(decide(runningBook(1), 1, items("[]"))).singleElement().isInstanceOf(SourceDrained.class);
    }

    static Stream<Arguments> itemsThePlanRulesRefuse() {
        return Stream.of(
                Arguments.of("an id the run already has", "[{\"id\": \"f0\", \"command\": \"true\"}]", "f0"),
                Arguments.of("an unknown class", "[{\"id\": \"f1\", \"command\": \"true\", \"class\": \"gpu\"}]", "gpu"),
                Arguments.of("a bad estimate", "[{\"id\": \"f1\", \"command\": \"true\", \"estimate\": \"soon\"}]",
                        "estimate"),
                Arguments.of("the same id twice", "[{\"id\": \"f1\", \"command\": \"true\"}, {\"id\": \"f1\", "
                        + "\"command\": \"true\"}]", "f1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemsThePlanRulesRefuse")
    void itemsAreCheckedLikeAPlansSpecsAndRejectedWhole(String name, String specs, String named) {
        List<RunEvent> events = decide(runningBook(1), 1, items(specs));
        assertThat(events).singleElement().isInstanceOfSatisfying(SourceRejected.class, rejected -> {
            assertThat(rejected.reason()).as(name).contains(named);
            assertThat(rejected.payload()).isEqualTo("printed");
            assertThat(rejected.retryAt()).contains(NOW.plusSeconds(1));
        });
    }

    @Test
    void failuresAreRetriedWithADoublingBackoffThenGivenUp() {
        WorkSources book = runningBook(1);
        RunEvent first = decide(book, 1, new SourceVerdict.Failed("exit 3")).get(0);
        assertThat(((SourceFailed) first).retryAt()).contains(NOW.plusSeconds(1));
        book.apply(first);
        book.apply(new SourceRun("finder", 2, "feature", NOW));
        RunEvent second = decide(book, 2, new SourceVerdict.Malformed("not JSON: x", "x", 1)).get(0);
        assertThat(((SourceRejected) second).retryAt()).contains(NOW.plusSeconds(2));
        book.apply(second);
        book.apply(new SourceRun("finder", 3, "feature", NOW));
        RunEvent third = decide(book, 3, new SourceVerdict.Failed("timed out after 60s")).get(0);
        assertThat(((SourceFailed) third).retryAt()).as("two retries spent: given up").isEmpty();
        book.apply(third);
        assertThat(book.of("finder").phase()).isEqualTo(WorkSources.Phase.GIVEN_UP);
        assertThat(book.allDone()).isTrue();
    }

    @Test
    void aRepeatOrAStaleRunDecidesNothing() {
        assertThat(SourceOutcomes.decide(new Input.SourceOutput("finder", 1, items("[]")), PLAN,
                new WorkSources(PLAN.sources()), NOW)).isEmpty();
        assertThat(SourceOutcomes.decide(new Input.SourceOutput("finder", 1, items("[]")), PLAN, runningBook(2), NOW))
                .isEmpty();
    }

    @Test
    void aRunUnderWayWhenTheEngineStoppedFailsOnResume() {
        assertThat(SourceOutcomes.lostRuns(PLAN, runningBook(1), NOW)).singleElement()
                .isEqualTo(new SourceFailed("finder", 1, SourceOutcomes.LOST, Optional.of(NOW.plusSeconds(1)), NOW));
    }
}
