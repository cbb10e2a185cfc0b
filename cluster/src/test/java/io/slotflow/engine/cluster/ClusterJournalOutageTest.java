package io.slotflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.internal.JournalHealth;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A short PostgreSQL outage under a cluster member: once a write has failed and the server is back,
 * the member says once, at WARN, that the journal is reachable again — as a local engine does. The
 * outage stays shorter than the member's host lease (15 s), or the member would stop itself.
 */
class ClusterJournalOutageTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> journalLog = new ListAppender<>();

    @AfterEach
    void serverBack() {
        System.clearProperty(io.slotflow.persistence.HostLeases.TERM_PROPERTY);
        ((Logger) LoggerFactory.getLogger("io.slotflow.journal")).detachAppender(journalLog);
        if (System.getenv("SLOTFLOW_TEST_POSTGRES_URL") != null) {
            TestPostgres.start();
        }
    }

    @Test
    void aMemberSaysOnceThatTheJournalIsReachableAgainAfterAnOutage() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        journalLog.start();
        ((Logger) LoggerFactory.getLogger("io.slotflow.journal")).addAppender(journalLog);
        String runId = "cluster-outage-" + UUID.randomUUID().toString().substring(0, 8);
        String plan = """
                run: {slots: 2}
                specs:
                  - {id: a, command: "sleep 1", writes: [a]}
                  - {id: b, command: "sleep 1", writes: [b]}
                  - {id: c, command: "sleep 1", writes: [c]}
                  - {id: d, command: "sleep 1", writes: [d]}
                """;
        int port = freePort();
        // the outage below lasts about as long as a write takes to fail, 10-15 s: past the default
        // lease's budget, after which the member would rightly stop its sessions and leave
        System.setProperty(io.slotflow.persistence.HostLeases.TERM_PROPERTY, "PT90S");
        EngineSettings engine = EngineSettings.defaults(dir).withJournal(pg);
        try (SlotflowNode member = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", port,
                List.of("127.0.0.1:" + port), 2), new ProcessRunner())) {
            member.awaitUp(Duration.ofSeconds(60));
            member.submit(PlanParser.parse(plan, "four.yaml"), new RunOptions(runId, dir));
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> member.journal().events(runId).stream()
                    .filter(e -> e instanceof NodeDispatched).count() >= 2);
            TestPostgres.stop();
            // the two sessions end while nothing can be written: their writes fail
            JournalHealth health = JournalHealth.get(member.system());
            await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(50)).until(health::troubled);
            TestPostgres.start();
            // read from the journal: the submitting handle's follow of the journal does not outlive the outage
            await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> member.journal().events(runId).stream()
                    .anyMatch(e -> e instanceof RunCompleted));
            List<RunEvent> journal = member.journal().events(runId);
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(journal).filteredOn(e -> e instanceof NodeSucceeded).hasSize(4);
            assertThat(health.troubled()).isFalse();
            assertThat(journalLog.list).map(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.startsWith("journal reachable again: writes go through after"))
                    .hasSize(1);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
