package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.footprint.Footprint;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.JournalWriter;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.plan.PlanParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs, replay, timeline, stats and verify on a journal written by a real run. */
class ReplayCommandsTest {

    private static final String HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath().toString();

    @TempDir
    static Path dir;

    private static String state;

    @BeforeAll
    static void runHello() {
        state = dir.resolve("state").toString();
        assertThat(Cli.run("run", HELLO, "--run-id", "h1", "--state-dir", state, "--view", "lines").exitCode()).isZero();
    }

    @Test
    void runsListsTheRun() {
        Cli cli = Cli.run("runs", "--state-dir", state);
        assertThat(cli.out()).containsPattern("h1\\s+hello\\s+.*completed\\s+4/4 succeeded, 0 failed");
    }

    @Test
    void replayTellsTheStoryInOrder() {
        Cli cli = Cli.run("replay", "--run-id", "h1", "--state-dir", state);
        assertThat(cli.exitCode()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(1)).endsWith("plan accepted: hello (3 specs, K = 2, rolling)");
        assertThat(lines).anyMatch(l -> l.contains("dispatched  greet:0 → slot"));
        assertThat(lines.get(lines.size() - 1)).endsWith("run completed");
    }

    @Test
    void timelineWritesASelfContainedPageAndCsv() throws Exception {
        Path html = dir.resolve("out/timeline.html");
        Cli cli = Cli.run("timeline", "--run-id", "h1", "--state-dir", state, "--html", html.toString(), "--csv", "-");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(html)).contains("<rect class=\"bar cls-implementation");
        assertThat(cli.out().lines().filter(l -> l.matches("[12],.*,implementation,1,.*,SUCCEEDED,,false"))).hasSize(4);
        assertThat(Cli.run("timeline", "--state-dir", state).exitCode()).isEqualTo(2);
    }

    @Test
    void statsAsJson() throws Exception {
        Cli cli = Cli.run("stats", "--run-id", "h1", "--state-dir", state, "--json");
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("runId").asText()).isEqualTo("h1");
        assertThat(json.get("sessions").asInt()).isEqualTo(4);
        assertThat(json.get("peakConcurrency").asInt()).isEqualTo(2);
        assertThat(json.get("makespan").asDouble()).isPositive();
        assertThat(json.get("violations").size()).isZero();
    }

    @Test
    void verifyPassesARealRun() {
        Cli cli = Cli.run("verify", "--run-id", "h1", "--state-dir", state);
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("run h1: every guarantee held");
    }

    @Test
    void verifyExitsFourOnAJournalThatBreaksAGuaranteeAndShowsTheEvents() throws Exception {
        Path broken = dir.resolve("broken");
        JournalSettings settings = JournalSettings.embedded(broken);
        var plan = PlanParser.parse("run: {slots: 1}\nspecs: [{id: a, command: x}, {id: b, command: x}]", "p.yaml");
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "forger", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalWriter.write(system, PersistenceIds.slotManager("bad"), "bad", List.of(
                    new PlanAccepted("bad", plan, "", t),
                    new NodeReady("a:0", 1, 0, t), new NodeReady("b:0", 1, 0, t),
                    new NodeDispatched("a:0", 1, 0, "implementation", Footprint.of(List.of(), List.of("x")), t, Map.of(), t, NodeDispatched.LOCAL),
                    new NodeDispatched("b:0", 1, 0, "implementation", Footprint.of(List.of(), List.of("y")), t, Map.of(), t, NodeDispatched.LOCAL)));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        Cli cli = Cli.run("verify", "--state-dir", broken.toString());
        assertThat(cli.exitCode()).isEqualTo(4);
        assertThat(cli.out()).contains("capacity: b:0 started as session 2 of K = 1")
                .contains("#3 ").contains("dispatched  a:0 → slot 1")
                .contains("ready-before-dispatch: b:0 dispatched into slot 0, held by a:0");
    }
}
