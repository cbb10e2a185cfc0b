package io.slotflow.engine.internal;

import com.typesafe.config.ConfigFactory;
import io.slotflow.core.FollowUp;
import io.slotflow.core.Owner;
import io.slotflow.core.SessionKey;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.ReadyNode;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** The real slot manager, with its priority mailbox, on an in-memory journal; its peers are probes. */
class SlotManagerTest {

    private static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
            .withFallback(JournalConfig.SERIALIZATION)
            .withFallback(ConfigFactory.parseString("""
                    pekko.persistence.typed.stash-capacity = 1000000
                    pekko.persistence.typed.stash-overflow-strategy = fail
                    # the first write of a JVM can take seconds on a loaded machine
                    pekko.actor.testkit.typed.single-expect-default = 30s
                    """))
            .withFallback(ConfigFactory.load()));
    private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    private static int runs;

    private String runId;
    private ProbeDirectory directory;
    private ProbeDirectory.Heard heard;
    private final List<RunEvent> persisted = new CopyOnWriteArrayList<>();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void clear() {
        journal.clearAll();
        runId = "r" + (++runs);
    }

    /** One spec with {@code groups} independent groups on K slots. */
    private static PlanGraph wide(int k, int groups) {
        TestPlanBuilder.SpecBuilder spec = TestPlanBuilder.plan().slots(k).spec("s");
        for (int i = 0; i < groups; i++) {
            spec.group("g" + i, Duration.ofMinutes(1), List.of("t" + i));
        }
        return PlanGraph.of(spec.build());
    }

    private ActorRef<SlotManager.Command> start(PlanGraph graph) {
        directory = new ProbeDirectory(testKit, graph);
        heard = new ProbeDirectory.Heard();
        RunContext run = new RunContext(runId, graph, "digest", java.nio.file.Path.of("."),
                java.time.Clock.systemUTC(), persisted::addAll, directory, Duration.ofSeconds(5), heard, 10);
        ActorRef<SlotManager.Command> slotManager = testKit.spawn(SlotManager.create(run), "slot-manager-" + runId,
                MailboxSelector.fromConfig("slotflow.slot-manager-mailbox"));
        // the owners' first announcements, as their actors send them when the run begins
        graph.specIds().forEach(spec -> slotManager.tell(new SlotManager.Announced(new Owner.Spec(spec))));
        slotManager.tell(new SlotManager.Announced(Owner.Injector.INSTANCE));
        return slotManager;
    }

    private static List<ReadyNode> notes(PlanGraph graph, int from, int to) {
        List<ReadyNode> notes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            notes.add(new ReadyNode(graph.group("s:g" + i), 1, ProbeDirectory.NOW));
        }
        return notes;
    }

    private SlotStatus status(ActorRef<SlotManager.Command> slotManager) {
        TestProbe<SlotStatus> probe = testKit.createTestProbe(SlotStatus.class);
        slotManager.tell(new SlotManager.GetStatus(probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void aNewRunOpensWithItsPlanAndDispatchesBeforeStarting() {
        PlanGraph graph = wide(2, 3);
        ActorRef<SlotManager.Command> slotManager = start(graph);
        journal.expectNextPersistedClass(PersistenceIds.slotManager(runId).id(), PlanAccepted.class);
        slotManager.tell(new SlotManager.NodesReady(notes(graph, 0, 3), 0));
        List<SessionHost.StartSession> starts = List.of(
                directory.sessionHost.expectMessageClass(SessionHost.StartSession.class),
                directory.sessionHost.expectMessageClass(SessionHost.StartSession.class));
        assertThat(starts).extracting(s -> s.node().id()).containsExactly("s:g0", "s:g1");
        // both assignments were in the journal before either session was asked to start
        assertThat(journal.persistedInStorage(PersistenceIds.slotManager(runId).id()))
                .filteredOn(e -> e instanceof NodeDispatched).hasSize(2);
        assertThat(heard.begunResumed).isFalse();
    }

    @Test
    void tenThousandReadyNodesArrivingAtOnceAreAllKept() {
        PlanGraph graph = wide(3, 10_000);
        ActorRef<SlotManager.Command> slotManager = start(graph);
        journal.expectNextPersistedClass(PersistenceIds.slotManager(runId).id(), PlanAccepted.class);
        // one message per node: the worst case for the stash while dispatches are being persisted
        for (int i = 0; i < 10_000; i++) {
            slotManager.tell(new SlotManager.NodesReady(notes(graph, i, i + 1), 0));
        }
        // status is a control message and overtakes the flood in the mailbox: ask until it has drained
        directory.slotManager.awaitAssert(Duration.ofSeconds(30), () -> {
            SlotStatus status = status(slotManager);
            assertThat(status.running()).hasSize(3);
            assertThat(status.queued()).isEqualTo(10_000 - 3);
            return null;
        });
    }

    @Test
    void aFinishedSessionFreesItsSlotForTheNextNodeAndTellsTheOwner() {
        PlanGraph graph = wide(1, 2);
        ActorRef<SlotManager.Command> slotManager = start(graph);
        slotManager.tell(new SlotManager.NodesReady(notes(graph, 0, 2), 0));
        SessionHost.StartSession first = directory.sessionHost.expectMessageClass(SessionHost.StartSession.class);
        slotManager.tell(new SlotManager.SessionEnded(new SessionKey(first.node().id(), 1), SessionOutcome.SUCCEEDED, 0, "",
                ProbeDirectory.NOW, "local"));
        assertThat(directory.sessionHost.expectMessageClass(SessionHost.StartSession.class).node().id())
                .isEqualTo("s:g1");
        assertThat(directory.sessionHost.expectMessageClass(SessionHost.Ack.class))
                .isEqualTo(new SessionHost.Ack(runId, "s:g0", 1));
        assertThat(directory.specs.get("s").expectMessageClass(DecideOutcome.class))
                .isEqualTo(new DecideOutcome(new NodeOutcome("s:g0", 1, SessionOutcome.SUCCEEDED, ""), Optional.of(FollowUp.of(new SessionKey("s:g0", 1)))));
    }

    @Test
    void aRepeatedAnnouncementOfAFinishedAttemptIsAnsweredWithItsOutcome() {
        PlanGraph graph = wide(1, 1);
        ActorRef<SlotManager.Command> slotManager = start(graph);
        slotManager.tell(new SlotManager.NodesReady(notes(graph, 0, 1), 0));
        directory.sessionHost.expectMessageClass(SessionHost.StartSession.class);
        slotManager.tell(new SlotManager.SessionEnded(new SessionKey("s:g0", 1), SessionOutcome.FAILED, 1, "exit 1", ProbeDirectory.NOW, "local"));
        directory.specs.get("s").expectMessageClass(DecideOutcome.class);
        slotManager.tell(new SlotManager.NodesReady(notes(graph, 0, 1), 0));
        assertThat(directory.specs.get("s").expectMessageClass(DecideOutcome.class))
                .isEqualTo(new DecideOutcome(new NodeOutcome("s:g0", 1, SessionOutcome.FAILED, "exit 1"), Optional.empty()));
        assertThat(status(slotManager).queued()).isZero();
    }

    /** Two sessions start on K = 2, the slot manager stops and starts again, and asks the host what runs. */
    private ActorRef<SlotManager.Command> restartedWhileTwoSessionsRan() {
        PlanGraph graph = wide(2, 2);
        ActorRef<SlotManager.Command> slotManager = start(graph);
        slotManager.tell(new SlotManager.NodesReady(notes(graph, 0, 2), 0));
        directory.sessionHost.expectMessageClass(SessionHost.StartSession.class);
        directory.sessionHost.expectMessageClass(SessionHost.StartSession.class);
        testKit.stop(slotManager);
        ActorRef<SlotManager.Command> restarted = start(graph);
        directory.sessionHost.expectMessageClass(SessionHost.ListSessions.class);
        return restarted;
    }

    @Test
    void afterARestartSessionsTheHostNoLongerRunsAreLost() {
        ActorRef<SlotManager.Command> restarted = restartedWhileTwoSessionsRan();
        restarted.tell(new SlotManager.LiveSessions("local", java.util.Set.of(new SessionKey("s:g1", 1)), List.of()));
        assertThat(directory.specs.get("s").expectMessageClass(DecideOutcome.class))
                .isEqualTo(new DecideOutcome(new NodeOutcome("s:g0", 1, SessionOutcome.LOST, "the engine stopped while it ran"), Optional.of(FollowUp.of(new SessionKey("s:g0", 1)))));
        assertThat(status(restarted).running()).extracting(s -> s.node()).containsExactly("s:g1");
        assertThat(heard.begunResumed).isTrue();
    }

    @Test
    void aSessionEndReportedWhileTheHostsAreAskedIsRecordedOnce() {
        ActorRef<SlotManager.Command> restarted = restartedWhileTwoSessionsRan();
        // the host resends an unacknowledged end before it answers the question
        SlotManager.SessionEnded end = new SlotManager.SessionEnded(new SessionKey("s:g0", 1), SessionOutcome.SUCCEEDED, 0, "",
                ProbeDirectory.NOW, "local");
        restarted.tell(end);
        restarted.tell(new SlotManager.LiveSessions("local", java.util.Set.of(new SessionKey("s:g1", 1)), List.of(end)));
        directory.specs.get("s").expectMessageClass(DecideOutcome.class);
        restarted.tell(end);
        assertThat(status(restarted).running()).extracting(s -> s.node()).containsExactly("s:g1");
        assertThat(journal.persistedInStorage(PersistenceIds.slotManager(runId).id()))
                .filteredOn(e -> e instanceof io.slotflow.event.SessionFinished f && f.node().equals("s:g0"))
                .hasSize(1);
    }

    @Test
    void theMailboxServesControlFirstThenImplementationThenReviewsThenSettlements() {
        NodeDef any = wide(1, 1).group("s:g0");
        assertThat(SlotManagerMailbox.priority(new SlotManager.SessionEnded(new SessionKey("n", 1), SessionOutcome.SUCCEEDED, 0, "",
                ProbeDirectory.NOW, "local"))).isEqualTo(0);
        assertThat(SlotManagerMailbox.priority("a wrapped timer or journal reply")).isEqualTo(0);
        assertThat(SlotManagerMailbox.priority(new SlotManager.NodesReady(List.of(new ReadyNode(any, 1,
                ProbeDirectory.NOW)), 0))).isEqualTo(1);
        assertThat(SlotManagerMailbox.priority(new SlotManager.NodesReady(List.of(), 1))).isEqualTo(2);
        assertThat(SlotManagerMailbox.priority(new SlotManager.Settled(FollowUp.of(new SessionKey("n", 1)), List.of()))).isGreaterThan(2);
    }

}
