package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SpecCompleted;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.SpecProgress;
import io.slotflow.testing.PlanBuilder;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecActorTest {

    private static final ActorTestKit testKit =
            ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(JournalConfig.SERIALIZATION));

    private static final PlanGraph GRAPH = PlanGraph.of(PlanBuilder.plan()
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

    @Test
    void announcesItsFirstGroupOnStart() {
        SlotManager.NodesReady ready = announced();
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
        announced();
        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.SUCCEEDED, "", true));
        assertThat(announced().nodes()).extracting(n -> n.node().id()).containsExactly("a:1");
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class).followUps()).isZero();
        assertThat(journal()).containsExactly(new NodeReady("a:0", 1, 0, ProbeDirectory.NOW),
                new NodeSucceeded("a:0", 1, false, ProbeDirectory.NOW), new NodeReady("a:1", 1, 0, ProbeDirectory.NOW));

        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.SUCCEEDED, "", true));
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class).followUps()).isZero();
        assertThat(journal()).as("a repeated outcome writes nothing").hasSize(3);
    }

    @Test
    void outcomesThatArriveTogetherAreDecidedTogether() {
        announced();
        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.LOST, "", false));
        announced();
        // the retry and its success arrive before the actor gets to flush
        spec.runCommand(new SpecActor.Outcome("a:0", 2, SessionOutcome.SUCCEEDED, "", false));
        assertThat(announced().nodes()).extracting(n -> n.node().id()).containsExactly("a:1");
        assertThat(spec.getState().state("a:0")).isEqualTo(SpecProgress.GroupState.SUCCEEDED);
    }

    @Test
    void completingTellsDependentsAndTheInjectorAndCountsThemAsFollowUps() {
        announced();
        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.SUCCEEDED, "", false));
        announced();
        spec.runCommand(new SpecActor.Outcome("a:1", 1, SessionOutcome.SUCCEEDED, "", true));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class))
                .isEqualTo(new SpecActor.DependencyCompleted("a", true));
        assertThat(directory.injector.expectMessageClass(ReviewInjector.SpecSettled.class))
                .isEqualTo(new ReviewInjector.SpecSettled("a", true, true));
        assertThat(directory.slotManager.expectMessageClass(SlotManager.Settled.class).followUps()).isEqualTo(2);
        assertThat(journal()).last().isEqualTo(new SpecCompleted("a", ProbeDirectory.NOW));
    }

    @Test
    void afterARestartItAnnouncesItsReadyGroupsAgain() {
        announced();
        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.LOST, "", false));
        assertThat(announced().nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#2");
        spec.restart();
        assertThat(announced().nodes()).extracting(n -> n.node().id() + "#" + n.attempt()).containsExactly("a:0#2");
        assertThat(spec.getState().attempt("a:0")).isEqualTo(2);
    }

    @Test
    void aSettledSpecRepeatsItsSettlementWhenAsked() {
        announced();
        spec.runCommand(new SpecActor.Outcome("a:0", 1, SessionOutcome.SUCCEEDED, "", false));
        spec.runCommand(new SpecActor.Outcome("a:1", 1, SessionOutcome.SUCCEEDED, "", false));
        directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class);
        directory.injector.expectMessageClass(ReviewInjector.SpecSettled.class);
        spec.runCommand(new SpecActor.ResendSettlement("b"));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.DependencyCompleted.class))
                .isEqualTo(new SpecActor.DependencyCompleted("a", false));
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
