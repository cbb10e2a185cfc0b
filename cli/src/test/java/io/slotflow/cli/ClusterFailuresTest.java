package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.persistence.JournalReader;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.verify.Verifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code slotflow node} JVMs on 127.0.0.1 sharing a PostgreSQL journal, and a run submitted
 * with {@code slotflow run --cluster}: the member hosting the coordinator is killed with SIGKILL,
 * or every member is restarted one after another, while the run goes on. The run completes and
 * the verifier finds no broken guarantee.
 */
@Tag("postgres") // owns the shared PostgreSQL journal's one coordinator row: runs alone, after the parallel tests (cli/pom.xml)
class ClusterFailuresTest {

    /** 36 sessions of three seconds on 6 slots: long enough to lose members in the middle. */
    private static final String PLAN = """
            name: cluster-trial
            run: {slots: 6}
            specs:
            """ + specs(18);

    @TempDir
    Path dir;

    private final List<ClusterMember> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(ClusterMember::killIfAlive);
    }

    @Test
    void theRunSurvivesTheCoordinatorsMemberKilledWithSigkill() throws Exception {
        JournalSettings journal = TestPostgres.settings();
        String runId = "cluster-kill-" + UUID.randomUUID().toString().substring(0, 6);
        List<Integer> ports = startMembers(journal);
        CompletableFuture<Cli> run = submit(runId, journal, ports.get(1));

        awaitSessionsStarted(journal, runId, 4);
        // the oldest worker hosts the coordinator singleton: the first member started
        members.get(0).kill();

        Cli done = run.get(4, TimeUnit.MINUTES);
        assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
        List<RunEvent> events = events(journal, runId);
        assertThat(new Verifier().check(events)).isEmpty();
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunCompleted.class);
        assertThat(events).filteredOn(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST)
                .as("the sessions of the killed member were lost and ran again").isNotEmpty();
        assertThat(events).filteredOn(e -> e instanceof NodeDispatched d && d.at().isAfter(killedAt(events)))
                .extracting(e -> ((NodeDispatched) e).host()).doesNotContain("pekko://slotflow@127.0.0.1:" + ports.get(0));
    }

    @Test
    void theRunSurvivesARollingRestartOfEveryMember() throws Exception {
        JournalSettings journal = TestPostgres.settings();
        String runId = "cluster-rolling-" + UUID.randomUUID().toString().substring(0, 6);
        List<Integer> ports = startMembers(journal);
        CompletableFuture<Cli> run = submit(runId, journal, ports.get(1));

        int started = 2;
        for (ClusterMember member : members) {
            awaitSessionsStarted(journal, runId, started);
            assertThat(run).as("the run is still going when the next member restarts").isNotDone();
            member.stop();
            member.start();
            started += 6;
        }

        Cli done = run.get(4, TimeUnit.MINUTES);
        assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
        List<RunEvent> events = events(journal, runId);
        assertThat(new Verifier().check(events)).isEmpty();
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunCompleted.class);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<Integer> startMembers(JournalSettings journal) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(freePort());
        }
        for (int i = 0; i < 3; i++) {
            ClusterMember member = new ClusterMember(ports.get(i), ports, 2, journal.url(), dir.resolve("member-" + i));
            members.add(member);
            member.start();
        }
        return ports;
    }

    private CompletableFuture<Cli> submit(String runId, JournalSettings journal, int port) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, PLAN);
        return CompletableFuture.supplyAsync(() -> Cli.run("run", plan.toString(), "--run-id", runId, "--view", "lines",
                "--cluster", "127.0.0.1:" + port, "--journal", journal.url(), "--state-dir", dir.resolve("client").toString()));
    }

    private static void awaitSessionsStarted(JournalSettings journal, String runId, int count) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                events(journal, runId).stream().filter(e -> e instanceof SessionStarted).count() >= count);
    }

    private static List<RunEvent> events(JournalSettings journal, String runId) {
        try (JournalReader reader = JournalReader.open(journal)) {
            return reader.events(runId);
        } catch (NoSuchElementException notYet) {
            return List.of();
        }
    }

    /** When the first session was recorded LOST: the coordinator's new home knew the member was gone. */
    private static java.time.Instant killedAt(List<RunEvent> events) {
        return events.stream().filter(e -> e instanceof SessionFinished f && f.outcome() == SessionOutcome.LOST)
                .map(e -> ((SessionFinished) e).at()).findFirst().orElseThrow();
    }

    private static String specs(int count) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < count; i++) {
            yaml.append("  - {id: s").append(i).append(", groups: [")
                    .append("{id: 0, command: \"sleep 3\", writes: [s").append(i).append("]}, ")
                    .append("{id: 1, depends-on: [0], command: \"sleep 3\", writes: [s").append(i).append("]}]}\n");
        }
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
