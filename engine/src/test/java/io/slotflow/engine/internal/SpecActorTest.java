package io.slotflow.engine.internal;

import io.slotflow.state.NodeOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.core.FollowUp;
import io.slotflow.core.Owner;
import io.slotflow.core.SessionKey;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecCompleted;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.SpecProgress;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecActorTest {

    private static final FollowUp F0 = FollowUp.of(new SessionKey("a:0", 1));
    private static final FollowUp F1 = FollowUp.of(new SessionKey("a:1", 1));

    private static final ActorTestKit testKit =
            ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(JournalConfig.SERIALIZATION));

    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan()
            .spec("a").group("0", Duration.ofMinutes(1), List.of("x")).group("1", Duration.ofMinutes(1), List.of("y"), "0")
            .spec("b", "a").group("0", Duration.ofMinutes(1), List.of("z"))
            .build());

    private ProbeDirectory directory;
    private EventSourcedBehaviorTestKit<SpecActor.Command, RunEvent, SpecProgress> spec;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void setUp() {
        directory = new ProbeDirectory(testKit, GRAPH);
        RunContext run = directory.context("r", GRAPH, new ProbeDirectory.Heard());
        spec = EventSourcedBehaviorTestKit.create(testKit.system(), SpecActor.create(run, "a"),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false)
                        .withVerifyCommands(false));
    }

    private SlotManager.NodesReady announced() {
        return directory.slotManager.expectMessageClass(SlotManager.NodesReady.class);
    }

    /** On (re)start: the ready groups, then word that the first announcement is complete. */
    private SlotManager.NodesReady started() {
        SlotManager.NodesReady ready = announced();
        directory.slotManager.expectMessage(new SlotManager.Announced(new Owner.Spec("a")));
        return ready;
    }

    @Test
    void announcesItsFirstGroupOnStart() {
        SlotManager.NodesReady ready = started();
        assertThat(ready.nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#1");
        assertThat(ready.rank()).isZero();
        assertThat(spec.getState().state("a:0")).isEqualTo(SpecProgress.GroupState.READY);
    }

    private List<RunEvent> journal() {
        return spec.persistenceTestKit().persistedInStorage(PersistenceIds.spec("r", "a").id()).stream()
                .map(e -> (RunEvent) e).toList();
    }

    @Test
    void recordsAnOutcomeOnceAndSettlesWithTheSlotManager() {
        started();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""), Optional.of(F0)));
        assertThat(announced().nodes()).extracting(n -> n.node().id()).containsExactly("a:1");
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class))
                .isEqualTo(new SlotManager.Settled(F0, List.of()));
        assertThat(journal()).containsExactly(new NodeReady("a:0", 1, 0, ProbeDirectory.NOW),
                new NodeSucceeded("a:0", 1, false, ProbeDirectory.NOW), new NodeReady("a:1", 1, 0, ProbeDirectory.NOW));

        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""), Optional.of(F0)));
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class))
                .isEqualTo(new SlotManager.Settled(F0, List.of()));
        assertThat(journal()).as("a repeated outcome writes nothing").hasSize(3);
    }

    @Test
    void outcomesThatArriveTogetherAreDecidedTogether() {
        started();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.LOST, ""), Optional.empty()));
        announced();
        // the retry and its success arrive before the actor gets to flush
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 2, SessionOutcome.SUCCEEDED, ""), Optional.empty()));
        assertThat(announced().nodes()).extracting(n -> n.node().id()).containsExactly("a:1");
        assertThat(spec.getState().state("a:0")).isEqualTo(SpecProgress.GroupState.SUCCEEDED);
    }

    @Test
    void completingTellsDependentsAndTheInjectorAndOpensAFollowUpForEach() {
        started();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""), Optional.empty()));
        announced();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:1", 1, SessionOutcome.SUCCEEDED, ""), Optional.of(F1)));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class))
                .isEqualTo(new SpecActor.DependencyCompleted("a", Optional.of(F1.then("spec b"))));
        assertThat(directory.injector.expectMessageClass(ReviewInjector.SpecSettled.class))
                .isEqualTo(new ReviewInjector.SpecSettled("a", true, Optional.of(F1.then("review injector"))));
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class))
                .isEqualTo(new SlotManager.Settled(F1, List.of(F1.then("spec b"), F1.then("review injector"))));
        assertThat(journal()).last().isEqualTo(new SpecCompleted("a", ProbeDirectory.NOW));
    }

    @Test
    void afterARestartItAnnouncesItsReadyGroupsAgain() {
        started();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.LOST, ""), Optional.empty()));
        assertThat(announced().nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#2");
        spec.restart();
        assertThat(started().nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#2");
        assertThat(spec.getState().attempt("a:0")).isEqualTo(2);
    }

    @Test
    void aSettledSpecRepeatsItsSettlementWhenAsked() {
        started();
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""), Optional.empty()));
        spec.runCommand(new DecideOutcome(new NodeOutcome("a:1", 1, SessionOutcome.SUCCEEDED, ""), Optional.empty()));
        directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class);
        directory.injector.expectMessageClass(ReviewInjector.SpecSettled.class);
        spec.runCommand(new SpecActor.ResendSettlement(new Owner.Spec("b")));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class))
                .isEqualTo(new SpecActor.DependencyCompleted("a", Optional.empty()));
    }

    @Test
    void aGroupWhoseReadyWriteFailedIsAnnouncedOnlyOnceItsReadyIsInTheJournal() {
        PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
        journal.failNextPersisted(PersistenceIds.spec("wreck", "a").id());
        ProbeDirectory probes = new ProbeDirectory(testKit, GRAPH);
        RunContext run = probes.context("wreck", GRAPH, new ProbeDirectory.Heard());
        testKit.spawn(run.startedAfresh(SpecActor.create(run, "a")));
        // the first write of NodeReady fails; the actor starts afresh, from the journal alone, and writes it again
        SlotManager.NodesReady ready = probes.slotManager.expectMessageClass(SlotManager.NodesReady.class,
                Duration.ofSeconds(20));
        assertThat(ready.nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#1");
        assertThat(journal.persistedInStorage(PersistenceIds.spec("wreck", "a").id()))
                .as("announced only what the journal holds").containsExactly(new NodeReady("a:0", 1, 0, ProbeDirectory.NOW));
        JournalGate gate = JournalGate.get(testKit.system());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gate.inUse() == 0);
    }
}
