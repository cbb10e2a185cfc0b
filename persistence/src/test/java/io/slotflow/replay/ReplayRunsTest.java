package io.slotflow.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.persistence.JournalConfig;
import io.slotflow.persistence.JournalSchema;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.JournalWriter;
import io.slotflow.persistence.PersistenceIds;
import io.slotflow.plan.PlanParser;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a journal's runs survives a run whose events do not fold. */
class ReplayRunsTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatDoesNotFoldIsListedAsUnreadableAndTheOthersAsUsual() throws Exception {
        List<RunEvent> good = Simulator.run(PlanParser.parse(Path.of("../docs/examples/hello.yaml"))).events();
        List<RunEvent> broken = new ArrayList<>(good);
        SessionFinished twice = (SessionFinished) good.stream().filter(e -> e instanceof SessionFinished).findFirst()
                .orElseThrow();
        broken.add(broken.indexOf(twice) + 1, twice);
        JournalSettings settings = JournalSettings.embedded(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "writer", JournalConfig.of(settings));
        try {
            JournalSchema.ensure(system, settings, Duration.ofSeconds(30));
            JournalWriter.write(system, PersistenceIds.slotManager("good"), "good", good);
            JournalWriter.write(system, PersistenceIds.slotManager("broken"), "broken", broken);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
        try (Replay replay = Replay.open(settings)) {
            java.util.Map<String, Replay.RunInfo> runs = new java.util.HashMap<>();
            replay.runs().forEach(run -> runs.put(run.runId(), run));
            assertThat(runs.keySet()).containsExactlyInAnyOrder("good", "broken");
            assertThat(runs.get("good").phase()).isEqualTo("completed");
            assertThat(runs.get("broken").phase()).startsWith("unreadable: node " + twice.node() + " cannot go FINISHED");
        }
    }
}
