package io.slotflow.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.QueueDecided;
import io.slotflow.event.RecordedWait;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Plan;
import io.slotflow.plan.WorkClass;
import io.slotflow.policy.WaitKind;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rank-order and wait-reason checks, one hand-made journal per case: each misordering or
 * impossible reason is caught, and each legitimate exception is let through.
 */
class DecisionCheckTest {

    // K = 2. implementation (rank 0): a:0 and b:0 write x, d:0 writes z; doc (rank 1, quota 1): e:0, f:0;
    // chore (rank 2, aging 1 min): c:0 writes y
    private static final Plan PLAN = TestPlanBuilder.plan().slots(2)
            .workClass(new WorkClass("doc", 1, 1, 0, Duration.ofHours(1), null, 2, Duration.ofHours(1)))
            .workClass(new WorkClass("chore", 2, 2, 0, Duration.ofHours(1), null, 2, Duration.ofMinutes(1)))
            .spec("a").group("0", Duration.ofMinutes(1), List.of("x"))
            .spec("b").group("0", Duration.ofMinutes(1), List.of("x"))
            .spec("c").group("0", Duration.ofMinutes(1), List.of(), List.of("y"), "chore")
            .spec("d").group("0", Duration.ofMinutes(1), List.of("z"))
            .spec("e").group("0", Duration.ofMinutes(1), List.of(), List.of("e"), "doc")
            .spec("f").group("0", Duration.ofMinutes(1), List.of(), List.of("f"), "doc")
            .build();

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** A journal being written: every event one second after the one before. */
    private static final class Journal {
        final List<RunEvent> events = new ArrayList<>();
        int second;
        int slot;

        Instant now() {
            return T0.plusSeconds(second);
        }

        Journal tick() {
            second++;
            return this;
        }

        Journal plan() {
            events.add(new PlanAccepted("r", PLAN, "", now()));
            return tick();
        }

        /** A start of a node that became ready at {@code readyAt}, into the next slot. */
        Journal start(String node, String workClass, Instant readyAt, String... writes) {
            events.add(new NodeDispatched(node, 1, slot++ % 2, workClass, Footprint.of(List.of(), List.of(writes)),
                    readyAt, Map.of(), now(), NodeDispatched.LOCAL));
            return this;
        }

        Journal start(String node, String workClass, String... writes) {
            return start(node, workClass, now(), writes);
        }

        Journal finish(String node) {
            events.add(new SessionFinished(node, 1, 0, SessionOutcome.SUCCEEDED, 0, "", now()));
            return tick();
        }

        Journal decided(List<String> started, Map<String, RecordedWait> waiting) {
            events.add(new QueueDecided(started, waiting, List.of(), now()));
            return tick();
        }

        Journal resumed() {
            events.add(new RunResumed(now()));
            return tick();
        }
    }

    private static RecordedWait wait(WaitKind kind, String about) {
        return new RecordedWait(kind, about);
    }

    private static RecordedWait wait(WaitKind kind) {
        return new RecordedWait(kind, "");
    }

    private static Arguments journal(String name, UnaryOperator<Journal> writing, Guarantee... broken) {
        return Arguments.of(name, writing.apply(new Journal().plan()).events, Set.of(broken));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                journal("a lower-ranked node starts while a higher-ranked one waits for a free slot that was there",
                        j -> j.decided(List.of("c:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT))).start("c:0", "chore", "y"),
                        Guarantee.RANK_ORDER, Guarantee.WAIT_REASON),
                journal("the same start with the higher-ranked node blocked by a running conflicting node",
                        j -> j.start("b:0", "implementation", "x").tick()
                                .decided(List.of("c:0"), Map.of("a:0", wait(WaitKind.FOOTPRINT_CONFLICT, "b:0")))
                                .start("c:0", "chore", "y").tick()
                                .finish("b:0").finish("c:0").start("a:0", "implementation", "x")),
                journal("the conflicting node started after the lower-ranked one: the slot was the higher one's",
                        j -> j.decided(List.of("c:0", "b:0"), Map.of("a:0", wait(WaitKind.FOOTPRINT_CONFLICT, "b:0")))
                                .start("c:0", "chore", "y").start("b:0", "implementation", "x"),
                        Guarantee.RANK_ORDER),
                journal("a conflict with a node that does not run",
                        j -> j.decided(List.of(), Map.of("a:0", wait(WaitKind.FOOTPRINT_CONFLICT, "b:0"))),
                        Guarantee.WAIT_REASON),
                journal("a conflict with a running node whose footprint does not conflict (seen at the dispatch)",
                        j -> j.decided(List.of("d:0", "e:0"), Map.of("a:0", wait(WaitKind.FOOTPRINT_CONFLICT, "d:0")))
                                .start("d:0", "implementation", "z").start("e:0", "doc", "e").tick()
                                .finish("d:0").start("a:0", "implementation", "x"),
                        Guarantee.WAIT_REASON),
                journal("a class quota while the class held none of its quota",
                        j -> j.decided(List.of(), Map.of("e:0", wait(WaitKind.CLASS_QUOTA, "doc"))),
                        Guarantee.WAIT_REASON),
                journal("a class quota named for another class than the node's",
                        j -> j.decided(List.of("e:0"), Map.of("a:0", wait(WaitKind.CLASS_QUOTA, "doc")))
                                .start("e:0", "doc", "e"),
                        Guarantee.WAIT_REASON, Guarantee.RANK_ORDER),
                journal("a class at its quota: a lower-ranked start is fine",
                        j -> j.decided(List.of("e:0", "c:0"), Map.of("f:0", wait(WaitKind.CLASS_QUOTA, "doc")))
                                .start("e:0", "doc", "e").start("c:0", "chore", "y")),
                journal("the quota was reached only after the lower-ranked start",
                        j -> j.decided(List.of("c:0", "e:0"), Map.of("f:0", wait(WaitKind.CLASS_QUOTA, "doc")))
                                .start("c:0", "chore", "y").start("e:0", "doc", "e"),
                        Guarantee.RANK_ORDER),
                journal("no free slot while every slot is taken",
                        j -> j.decided(List.of("a:0", "d:0"), Map.of("b:0", wait(WaitKind.NO_FREE_SLOT),
                                        "c:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("a:0", "implementation", "x").start("d:0", "implementation", "z")),
                journal("an aged lower-ranked node goes before higher-ranked work",
                        j -> j.decided(List.of("c:0", "d:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("c:0", "chore", T0.minus(Duration.ofMinutes(5)), "y")
                                .start("d:0", "implementation", "z")),
                journal("the same start, not aged",
                        j -> j.decided(List.of("c:0", "d:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("c:0", "chore", "y").start("d:0", "implementation", "z"),
                        Guarantee.RANK_ORDER),
                journal("a start in a decision that changed no reason is checked against the reasons recorded before",
                        j -> j.decided(List.of("b:0", "d:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("b:0", "implementation", "x").start("d:0", "implementation", "z").tick()
                                .finish("d:0").start("c:0", "chore", "y"),
                        Guarantee.RANK_ORDER),
                journal("waiting for the wave in a run that does not dispatch in waves",
                        j -> j.decided(List.of("d:0"), Map.of("a:0", wait(WaitKind.WAVE_IN_PROGRESS)))
                                .start("d:0", "implementation", "z"),
                        Guarantee.WAIT_REASON),
                journal("held for an idle slot, but not a lazy node",
                        j -> j.decided(List.of(), Map.of("a:0", wait(WaitKind.HELD_FOR_IDLE_SLOT))),
                        Guarantee.WAIT_REASON),
                journal("a slot reserved by a class that keeps no reserve",
                        j -> j.decided(List.of(), Map.of("c:0", wait(WaitKind.SLOT_RESERVED, "doc"))),
                        Guarantee.WAIT_REASON),
                journal("a category's turn in a plan without target shares",
                        j -> j.decided(List.of(), Map.of("a:0", wait(WaitKind.CATEGORY_TURN, "parser"))),
                        Guarantee.WAIT_REASON),
                journal("not yet decided is never a decision's reason",
                        j -> j.decided(List.of(), Map.of("a:0", wait(WaitKind.NOT_YET_DECIDED))),
                        Guarantee.WAIT_REASON),
                journal("a reason stays until it changes: no free slot goes false when a slot frees",
                        j -> j.decided(List.of("b:0", "d:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("b:0", "implementation", "x").start("d:0", "implementation", "z").tick()
                                .finish("d:0").decided(List.of(), Map.of("c:0", wait(WaitKind.NO_FREE_SLOT))),
                        Guarantee.WAIT_REASON),
                journal("a resume forgets the reasons recorded before it",
                        j -> j.decided(List.of("b:0", "d:0"), Map.of("a:0", wait(WaitKind.NO_FREE_SLOT)))
                                .start("b:0", "implementation", "x").start("d:0", "implementation", "z").tick()
                                .resumed().finish("d:0").finish("b:0").start("c:0", "chore", "y")),
                journal("a journal written before queue-decided existed: nothing to check",
                        j -> j.start("c:0", "chore", "y")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatTheJournalShows(String name, List<RunEvent> events, Set<Guarantee> broken) {
        Set<Guarantee> found = DecisionCheck.check(events).stream().map(Violation::guarantee)
                .collect(Collectors.toSet());
        assertThat(found).as(DecisionCheck.check(events).toString()).isEqualTo(broken);
    }
}
