package io.slotflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.sim.Simulator;
import io.slotflow.testing.TestPlanBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = EventCodec.standard();

    /** A simulated run with barriers, batches and a failure, plus the events only an engine makes. */
    private static List<RunEvent> everyKindOfEvent() {
        Plan plan = TestPlanBuilder.plan().slots(2)
                .spec("91").group("0", Duration.ofMinutes(5), List.of("src/91"))
                .spec("92").group("0", Duration.ofMinutes(7), List.of("src/92"))
                .spec("93", "92").group("0", Duration.ofMinutes(3), List.of("src/93"))
                .reviewType("reviewer:pre-review", Duration.ofMinutes(2), List.of("src/{spec}"))
                .barrierEvery("pairs", 2, List.of("reviewer:pre-review"), Injection.BATCHED, 2)
                .build();
        List<RunEvent> events = new ArrayList<>(Simulator.run(plan, Simulator.Settings.defaults()
                .withOutcomes((node, attempt) -> node.id().equals("92:0")
                        ? io.slotflow.event.SessionOutcome.FAILED : io.slotflow.event.SessionOutcome.SUCCEEDED))
                .events());
        events.add(new RunInterrupted("interrupted by user", Instant.parse("2026-11-24T10:00:00Z")));
        events.add(new RunResumed(Instant.parse("2026-11-24T10:05:00.123456789Z")));
        events.add(new io.slotflow.event.RunInterrupted("drained", Instant.parse("2026-11-24T10:06:00Z"), "alice"));
        events.add(new io.slotflow.event.DispatchPaused("alice", "deploy", Instant.parse("2026-11-24T10:07:00Z")));
        events.add(new io.slotflow.event.DispatchResumed("bob", Instant.parse("2026-11-24T10:08:00Z")));
        events.add(new io.slotflow.event.SlotsResized(3, 6, "carol", Instant.parse("2026-11-24T10:09:00Z")));
        events.add(new RunRetried(1, List.of("92:0", "93:0"), Instant.parse("2026-11-24T10:06:00Z")));
        events.add(new NodesReopened("92", 1, List.of("92:0"), Instant.parse("2026-11-24T10:06:00.5Z")));
        events.add(new DriftSeen("92:0", 1, "main", "1a2b3c", "4d5e6f", List.of("src/a b.txt"),
                Instant.parse("2026-11-24T10:06:01Z")));
        events.add(new BranchQueued("92:0", 2, 1, "slotflow/r/92%3A0/2", 2, List.of("src/a b.txt", "x"),
                Instant.parse("2026-11-24T10:06:02Z")));
        events.add(new SourceRun("finder", 1, "feature", Instant.parse("2026-11-24T10:10:00Z")));
        events.add(new SourceRejected("finder", 1, "not JSON: unexpected character", "found 3 things", 14,
                java.util.Optional.of(Instant.parse("2026-11-24T10:10:02Z")), Instant.parse("2026-11-24T10:10:01Z")));
        events.add(new SourceFailed("finder", 2, "exit 3: no network", java.util.Optional.empty(),
                Instant.parse("2026-11-24T10:10:03Z")));
        events.add(new SpecsAdded(SpecsAdded.bySource("finder"), 3, io.slotflow.plan.PlanParser.parse(
                "specs: [{id: f-1, command: 'true', category: feature, estimate: 2s, writes: [src/f-1]}]", "items")
                .specs(), Instant.parse("2026-11-24T10:10:04Z")));
        events.add(new SourceDrained("finder", 4, Instant.parse("2026-11-24T10:10:05Z")));
        events.add(new io.slotflow.event.NodeCancelled("93:0", 1, "alice", "stuck on a lock",
                Instant.parse("2026-11-24T10:11:00Z")));
        return events;
    }

    @Test
    void everyEventTypeSurvivesARoundTrip() {
        Set<String> seen = new HashSet<>();
        for (RunEvent event : everyKindOfEvent()) {
            String manifest = codec.manifest(event);
            seen.add(manifest.substring(0, manifest.indexOf('/')));
            assertThat(codec.fromBytes(codec.toBytes(event), manifest)).isEqualTo(event);
        }
        assertThat(seen).as("the sample covers every event type").containsExactlyInAnyOrderElementsOf(codec.typeNames());
    }

    @Test
    void theManifestNamesTheTypeAndVersionNeverTheClass() {
        RunEvent event = new NodeReady("91:0", 1, 0, Instant.EPOCH);
        assertThat(codec.manifest(event)).isEqualTo("node-ready/2");
        assertThat(new String(codec.toBytes(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"node\":\"91:0\",\"attempt\":1,\"failures\":0,\"at\":\"1970-01-01T00:00:00Z\","
                        + "\"notBefore\":\"1970-01-01T00:00:00Z\",\"respawn\":false}");
    }

    @Test
    void anOldEventWithoutAFieldAddedLaterStillReads() {
        // session-finished as first written, before exitCode and detail existed
        byte[] old = """
                {"node":"91:0","attempt":2,"slot":1,"outcome":"SUCCEEDED","at":"2026-01-01T00:00:00Z"}"""
                .getBytes(StandardCharsets.UTF_8);
        RunEvent event = codec.fromBytes(old, "session-finished/1");
        assertThat(event).isEqualTo(new SessionFinished("91:0", 2, 1, SessionOutcome.SUCCEEDED, null, "",
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void sessionsJournaledBeforeGitWorkspacesHadNone() {
        RunEvent started = codec.fromBytes("""
                {"node":"91:0","attempt":1,"slot":0,"pid":42,"at":"2026-01-01T00:00:00Z"}"""
                .getBytes(StandardCharsets.UTF_8), "session-started/1");
        assertThat(((SessionStarted) started).worktree()).isEmpty();
        RunEvent finished = codec.fromBytes("""
                {"node":"91:0","attempt":1,"slot":0,"outcome":"FAILED","exitCode":3,"detail":"exit 3",\
                "at":"2026-01-01T00:00:00Z"}""".getBytes(StandardCharsets.UTF_8), "session-finished/1");
        assertThat(((SessionFinished) finished).git()).isEmpty();
    }

    @Test
    void aConflictWithItsGitWorkRoundTrips() {
        io.slotflow.workspace.Worktree tree = new io.slotflow.workspace.Worktree("/repo", "main",
                "slotflow/r/a%3A0/1", "b".repeat(40), "/state/runs/r/worktrees/r.a%3A0.1");
        SessionStarted started = new SessionStarted("a:0", 1, 0, 7, Instant.EPOCH, java.util.Optional.of(tree));
        SessionFinished conflict = new SessionFinished("a:0", 1, 0, SessionOutcome.CONFLICT, 0, "conflicts in x",
                Instant.EPOCH, java.util.Optional.of(new io.slotflow.workspace.GitWork(tree, 2, List.of("x", "y"),
                List.of("y"), io.slotflow.workspace.MergeResult.CONFLICT, "", List.of("x"), 12, 0, tree.path())));
        assertThat(codec.manifest(conflict)).isEqualTo("session-finished/2");
        assertThat(codec.fromBytes(codec.toBytes(conflict), "session-finished/2")).isEqualTo(conflict);
        assertThat(codec.fromBytes(codec.toBytes(started), "session-started/2")).isEqualTo(started);
    }

    @Test
    void aDispatchWrittenBeforeSessionHostsExistedRanOnTheLocalHost() {
        byte[] old = """
                {"node":"91:0","attempt":1,"slot":0,"workClass":"implementation",\
                "footprint":{"reads":[],"writes":["src"]},"readyAt":"2026-01-01T00:00:00Z",\
                "waitedMillis":{},"at":"2026-01-01T00:00:01Z"}""".getBytes(StandardCharsets.UTF_8);
        NodeDispatched event = (NodeDispatched) codec.fromBytes(old, "node-dispatched/1");
        assertThat(event.host()).isEqualTo(NodeDispatched.LOCAL);
        assertThat(event.footprint().writes()).containsExactly("src");
        assertThat(event.borrowed()).as("before backfill every start kept to its quota").isFalse();
    }

    @Test
    void aBorrowedStartSaysSoUnderVersionTwo() {
        NodeDispatched borrowed = new NodeDispatched("91:0:skeptic", 1, 2, "review", io.slotflow.footprint.Footprint.catchAll(),
                Instant.EPOCH, java.util.Map.of(), Instant.EPOCH, NodeDispatched.LOCAL, true);
        assertThat(codec.manifest(borrowed)).isEqualTo("node-dispatched/2");
        assertThat(new String(codec.toBytes(borrowed), StandardCharsets.UTF_8)).contains("\"borrowed\":true");
        assertThat(codec.fromBytes(codec.toBytes(borrowed), "node-dispatched/2")).isEqualTo(borrowed);
    }

    @Test
    void aNodeMadeReadyBeforeRetryBackoffExistedCouldStartAtOnce() {
        byte[] v1 = "{\"node\":\"91:0\",\"attempt\":2,\"failures\":1,\"at\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        NodeReady event = (NodeReady) codec.fromBytes(v1, "node-ready/1");
        assertThat(event.notBefore()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        NodeReady later = new NodeReady("91:0", 2, 1, Instant.EPOCH, Instant.EPOCH.plusSeconds(30));
        assertThat(codec.fromBytes(codec.toBytes(later), "node-ready/2")).isEqualTo(later);
    }

    @Test
    void anOlderVersionIsLiftedByItsUpcaster() {
        // as if session-started/1 had named its attempt "try": a version bump with an upcaster reads it
        EventCodec lifting = codec.withCurrentVersion("session-started", 2)
                .withUpcaster("session-started", 1, json -> {
                    ObjectNode lifted = json.deepCopy();
                    lifted.set("attempt", lifted.remove("try"));
                    return lifted;
                });
        byte[] v1 = "{\"node\":\"91:0\",\"try\":3,\"slot\":1,\"pid\":7,\"at\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(lifting.fromBytes(v1, "session-started/1"))
                .isEqualTo(new SessionStarted("91:0", 3, 1, 7, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void unknownTypesAndNewerVersionsAreRefusedClearly() {
        assertThatThrownBy(() -> codec.fromBytes(new byte[0], "node-teleported/1"))
                .hasMessage("unknown event type: node-teleported");
        assertThatThrownBy(() -> codec.fromBytes(new byte[0], "node-ready/9"))
                .hasMessage("event node-ready has version 9, newer than this Slotflow reads (2)");
    }
}
