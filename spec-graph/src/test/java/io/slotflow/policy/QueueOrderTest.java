package io.slotflow.policy;

import static io.slotflow.policy.Fixture.IMPL;
import static io.slotflow.policy.Fixture.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The queue-sort rule: the order in which ready nodes are offered slots (K = 1 shows the winner). */
class QueueOrderTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("implementation before review, whatever the critical path",
                        Fixture.slots(1).ready("r", REVIEW, 0, 999, 0, "r").ready("a", IMPL, 5, 1, 9, "a")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("a", "r")),
                Arguments.of(Named.of("longest critical path first within a class",
                        Fixture.slots(1).ready("short", IMPL, 0, 10, 0, "s").ready("long", IMPL, 5, 50, 1, "l")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("long", "short")),
                Arguments.of(Named.of("earlier spec breaks a critical-path tie",
                        Fixture.slots(1).ready("later", IMPL, 0, 10, 7, "s").ready("earlier", IMPL, 5, 10, 2, "l")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("earlier", "later")),
                Arguments.of(Named.of("first ready breaks the remaining ties",
                        Fixture.slots(1).ready("first", IMPL, 0, 10, 2, "s").ready("second", IMPL, 0, 10, 2, "l")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("first", "second")),
                Arguments.of(Named.of("first-ready order ignores the critical path",
                        Fixture.slots(1).ready("old", IMPL, 0, 1, 5, "s").ready("new", IMPL, 9, 99, 0, "l")),
                        QueueOrder.FIRST_READY, List.of("old", "new")),
                Arguments.of(Named.of("aging lifts a review that waited past its aging time",
                        Fixture.slots(1).aging(Duration.ofMinutes(10)).now(Duration.ofMinutes(11).toMillis())
                                .ready("r", REVIEW, 0, 1, 0, "r")
                                .ready("a", IMPL, Duration.ofMinutes(11).toMillis(), 99, 0, "a")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("r", "a")),
                Arguments.of(Named.of("a review younger than its aging time stays behind",
                        Fixture.slots(1).aging(Duration.ofMinutes(10)).now(Duration.ofMinutes(9).toMillis())
                                .ready("r", REVIEW, 0, 1, 0, "r")
                                .ready("a", IMPL, Duration.ofMinutes(9).toMillis(), 99, 0, "a")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("a", "r")),
                Arguments.of(Named.of("aged nodes go oldest first",
                        Fixture.slots(1).aging(Duration.ofMinutes(1)).now(Duration.ofMinutes(30).toMillis())
                                .ready("younger", IMPL, Duration.ofMinutes(5).toMillis(), 99, 0, "y")
                                .ready("older", REVIEW, Duration.ofMinutes(2).toMillis(), 1, 0, "o")),
                        QueueOrder.CRITICAL_PATH_FIRST, List.of("older", "younger")));
    }

    /** Starts one node at a time (K = 1): the sequence of winners is the order. */
    @ParameterizedTest
    @MethodSource("cases")
    void order(Fixture fixture, QueueOrder order, List<String> expectedOrder) {
        Snapshot snapshot = fixture.snapshot(order);
        ReadyQueue queue = snapshot.ready();
        List<String> winners = new java.util.ArrayList<>();
        while (queue.size() > 0) {
            Decision d = new DispatchPolicy().decide(new Snapshot(snapshot.mode(), 1, snapshot.classes(), queue,
                    List.of(), snapshot.nowMillis(), true));
            assertThat(d.starts()).hasSize(1);
            winners.add(d.starts().get(0).id());
            queue.remove(d.starts().get(0).id());
        }
        assertThat(winners).containsExactlyElementsOf(expectedOrder);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theLoserWaitsForASlot(Fixture fixture, QueueOrder order, List<String> expectedOrder) {
        Snapshot snapshot = fixture.snapshot(order);
        Decision decision = new DispatchPolicy().decide(snapshot);
        String loser = expectedOrder.get(1);
        assertThat(Fixture.reason(decision, snapshot, loser)).isEqualTo("no free slot");
    }
}
