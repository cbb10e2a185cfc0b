package io.slotflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRun;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.WorkSource;
import io.slotflow.state.WorkSources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When a work source runs: share to spare, no ready work, and the source free to run (named cases). */
class SourceDueTest {

    private static final Plan PLAN = PlanParser.parse("""
            categories:
              feature: {share: 0.5}
              docs: {share: 0.5}
            sources:
              finder: {category: feature, command: ./find.sh}
            specs:
              - {id: d1, command: 'true', category: docs}
            """, "sources.yaml");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static CategoryUse used(long feature, long docs) {
        return new CategoryUse(CategoryTargets.of(PLAN), Map.of("feature", feature, "docs", docs), Map.of(), Map.of());
    }

    static Stream<Arguments> cases() {
        Consumer<WorkSources> fresh = book -> { };
        Consumer<WorkSources> running = book -> book.apply(new SourceRun("finder", 1, "feature", NOW.minusSeconds(5)));
        Consumer<WorkSources> waiting = book -> {
            running.accept(book);
            book.apply(new SourceFailed("finder", 1, "exit 1", Optional.of(NOW.plusSeconds(1)), NOW.minusSeconds(1)));
        };
        Consumer<WorkSources> waited = book -> {
            running.accept(book);
            book.apply(new SourceFailed("finder", 1, "exit 1", Optional.of(NOW), NOW.minusSeconds(1)));
        };
        Consumer<WorkSources> givenUp = book -> {
            running.accept(book);
            book.apply(new SourceFailed("finder", 1, "exit 1", Optional.empty(), NOW.minusSeconds(1)));
        };
        return Stream.of(
                Arguments.of("nothing ran yet: every category has share to spare", fresh, used(0, 0), Set.of(), true),
                Arguments.of("below its target share", fresh, used(10, 30), Set.of("docs"), true),
                Arguments.of("at its target share: none to spare", fresh, used(20, 20), Set.of("docs"), false),
                Arguments.of("above its target share", fresh, used(30, 10), Set.of("docs"), false),
                Arguments.of("above its target share, but nothing is ready: a slot would idle", fresh, used(30, 10),
                        Set.of(), true),
                Arguments.of("its category has ready work", fresh, used(10, 30), Set.of("feature"), false),
                Arguments.of("another category's ready work does not count", fresh, used(10, 30), Set.of("docs"), true),
                Arguments.of("a run is under way", running, used(0, 0), Set.of(), false),
                Arguments.of("its retry wait has not ended", waiting, used(0, 0), Set.of(), false),
                Arguments.of("its retry wait ended", waited, used(0, 0), Set.of(), true),
                Arguments.of("given up after its retries", givenUp, used(0, 0), Set.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSourceRunsOnlyWhenItsCategoryHasShareToSpareAndNoReadyWork(String name, Consumer<WorkSources> history,
            CategoryUse use, Set<String> readyCategories, boolean runs) {
        WorkSources book = new WorkSources(PLAN.sources());
        history.accept(book);
        List<WorkSource> due = SourceDue.due(PLAN.sources(), book, use, readyCategories, NOW);
        assertThat(due.stream().map(WorkSource::name).toList()).as(name).isEqualTo(runs ? List.of("finder") : List.of());
    }
}
