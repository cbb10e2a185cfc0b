package io.slotflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.persistence.TestPostgres;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator is fenced at each write: once a coordinator has started on another member, the
 * journal refuses every write of the former one — as a frozen coordinator member would find when it
 * wakes, before it learns it was removed. Here the two coordinators are two one-member clusters on
 * one PostgreSQL journal (a split brain the resolver did not prevent): the one that started last
 * runs runs; the other's submission is refused by the journal and leaves no event in it.
 */
class CoordinatorFenceTest {

    private static final Plan ONE = PlanParser.parse("""
            run: {slots: 1}
            specs:
              - {id: a, command: "true", writes: [a]}
            """, "one.yaml");

    @TempDir
    Path dir;

    @Test
    void theFormerCoordinatorWritesNothingOnceAnotherHasStarted() throws Exception {
        JournalSettings pg = TestPostgres.settings();
        EngineSettings engine = EngineSettings.defaults(dir).withJournal(pg);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (SlotflowNode former = member(engine)) {
            awaitCoordinatorOn(pg, former);
            RunResult first = former.submit(ONE, new RunOptions("fence-first-" + tag, dir)).result()
                    .toCompletableFuture().get(2, TimeUnit.MINUTES);
            assertThat(first.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);

            try (SlotflowNode latter = member(engine)) {
                awaitCoordinatorOn(pg, latter);
                long coordinatorEvents = count(pg, "RunsCoordinator");

                String refused = "fence-refused-" + tag;
                assertThatThrownBy(() -> former.submit(ONE, new RunOptions(refused, dir)))
                        .as("the former coordinator cannot admit a run").isInstanceOf(IllegalStateException.class);
                assertThat(count(pg, "RunsCoordinator")).isEqualTo(coordinatorEvents);
                assertThat(count(pg, "SlotManager|" + refused)).isZero();

                RunResult last = latter.submit(ONE, new RunOptions("fence-last-" + tag, dir)).result()
                        .toCompletableFuture().get(2, TimeUnit.MINUTES);
                assertThat(last.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            }
        }
    }

    private static SlotflowNode member(EngineSettings engine) throws Exception {
        int port = freePort();
        SlotflowNode node = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", port, List.of("127.0.0.1:" + port), 1),
                new ProcessRunner());
        node.awaitUp(Duration.ofSeconds(60));
        return node;
    }

    private static void awaitCoordinatorOn(JournalSettings pg, SlotflowNode node) {
        String member = ClusterConfig.member(node.system());
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            try (Connection c = DriverManager.getConnection(pg.url(), pg.credentials());
                    ResultSet r = c.createStatement().executeQuery("SELECT member FROM slotflow_coordinator")) {
                return r.next() && r.getString(1).equals(member);
            }
        });
    }

    private static long count(JournalSettings pg, String persistenceId) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.credentials());
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM event_journal WHERE persistence_id = ?")) {
            s.setString(1, persistenceId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
