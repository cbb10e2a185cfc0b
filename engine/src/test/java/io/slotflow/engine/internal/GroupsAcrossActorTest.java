package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.core.Owner;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.plan.PlanParser;
import io.slotflow.state.NodeOutcome;
import io.slotflow.state.SpecProgress;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Spec actors tell each other about groups that groups of other specs depend on, and ask again after a restart. */
class GroupsAcrossActorTest {

    private static final ActorTestKit testKit =
            ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(JournalConfig.SERIALIZATION));

    // b:0 waits for a:0, a group of another spec
    private static final PlanGraph GRAPH = PlanGraph.of(PlanParser.parse("""
            specs:
              - {id: a, groups: [{id: '0', command: 'true', writes: [x]}]}
              - {id: b, groups: [{id: '0', command: 'true', writes: [y], depends-on: ['a:0']}]}
            """, "across.yaml"));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static EventSourcedBehaviorTestKit<SpecActor.Command, RunEvent, SpecProgress> spec(
            ProbeDirectory directory, String runId, String specId) {
        RunContext run = directory.context(runId, GRAPH, new ProbeDirectory.Heard());
        return EventSourcedBehaviorTestKit.create(testKit.system(), SpecActor.create(run, specId),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false)
                        .withVerifyCommands(false));
    }

    @Test
    void theDependentAsksOnStartAndStartsWhenTold() {
        ProbeDirectory directory = new ProbeDirectory(testKit, GRAPH);
        var b = spec(directory, "r1", "b");
        directory.slotManager.expectMessage(new SlotManager.Announced(new Owner.Spec("b")));
        assertThat(directory.specs.get("a").expectMessageClass(SpecActor.ResendGroupOutcome.class))
                .isEqualTo(new SpecActor.ResendGroupOutcome("a:0", "b"));
        b.runCommand(new SpecActor.GroupAcrossSettled("a:0", true));
        assertThat(directory.slotManager.expectMessageClass(SlotManager.NodesReady.class).nodes())
                .extracting(n -> n.node().id()).containsExactly("b:0");
    }

    @Test
    void theGroupsSpecTellsTheDependentAndTellsItAgainWhenAsked() {
        ProbeDirectory directory = new ProbeDirectory(testKit, GRAPH);
        var a = spec(directory, "r2", "a");
        directory.slotManager.expectMessageClass(SlotManager.NodesReady.class);
        a.runCommand(new DecideOutcome(new NodeOutcome("a:0", 1, SessionOutcome.SUCCEEDED, ""), Optional.empty()));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.GroupAcrossSettled.class))
                .isEqualTo(new SpecActor.GroupAcrossSettled("a:0", true));
        a.runCommand(new SpecActor.ResendGroupOutcome("a:0", "b"));
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.GroupAcrossSettled.class))
                .isEqualTo(new SpecActor.GroupAcrossSettled("a:0", true));
        a.restart();
        assertThat(directory.specs.get("b").expectMessageClass(SpecActor.GroupAcrossSettled.class))
                .as("repeated after a restart").isEqualTo(new SpecActor.GroupAcrossSettled("a:0", true));
    }
}
