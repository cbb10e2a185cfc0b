package io.slotflow.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalSettings;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two members in one JVM on one H2 journal: the everyday check that a run spreads over a cluster. */
class TwoMembersTest {

    private static final String PLAN = """
            run: {slots: 4}
            specs:
              - {id: a, groups: [{id: 0, command: "sleep 0.3", writes: [a]}, {id: 1, depends-on: [0], command: "sleep 0.2", writes: [a]}]}
              - {id: b, command: "sleep 0.3", writes: [b]}
              - {id: c, depends-on: [a], command: "sleep 0.2", writes: [c]}
              - {id: d, command: "sleep 0.3", writes: [d]}
              - {id: e, depends-on: [b, d], command: "sleep 0.2", writes: [e]}
              - {id: f, command: "sleep 0.3", writes: [f]}
            """;

    @TempDir
    Path dir;

    @Test
    void aRunSpreadsOverBothMembersAndKeepsEveryGuarantee() throws Exception {
        EngineSettings engine = EngineSettings.defaults(dir).withJournal(JournalSettings.embedded(dir));
        int portA = freePort();
        int portB = freePort();
        List<String> seeds = List.of("127.0.0.1:" + portA);
        try (SlotflowNode a = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", portA, seeds, 2),
                new ProcessRunner());
                SlotflowNode b = SlotflowNode.start(new NodeSettings(engine, "127.0.0.1", portB, seeds, 2),
                        new ProcessRunner())) {
            a.awaitUp(Duration.ofSeconds(30));
            b.awaitUp(Duration.ofSeconds(30));
            RunResult result = b.submit(PlanParser.parse(PLAN, "two.yaml"), new RunOptions("two", dir)).result()
                    .toCompletableFuture().get(2, TimeUnit.MINUTES);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);

            List<RunEvent> journal = a.journal().events("two");
            assertThat(new Verifier().check(journal)).isEmpty();
            Set<String> hosts = journal.stream().filter(e -> e instanceof NodeDispatched)
                    .map(e -> ((NodeDispatched) e).host()).collect(Collectors.toSet());
            assertThat(hosts).containsExactlyInAnyOrder(a.address(), b.address());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.submit(PlanParser.parse("workspace: git\n"
                    + PLAN.substring(PLAN.indexOf("specs:")), "git.yaml"), new RunOptions("git", dir)))
                    .isInstanceOf(io.slotflow.engine.WorkspaceRefusedException.class)
                    .hasMessage("workspace: git workspaces run on a single-process engine (slotflow run, slotflow serve), "
                            + "not on a cluster: a member's sessions would get no worktree and no merge queue");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.journal().events("git"))
                    .as("nothing journaled").isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
