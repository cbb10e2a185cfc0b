package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanBuilder;
import io.slotflow.state.NodeLifecycle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an embedder writes, through a real engine on the H2 journal: built plans, payloads, subscriptions. */
class EmbeddedApiTest {

    /** The embedder's own description of a piece of work. */
    public record Task(String title, List<String> files, int points) {
    }

    @TempDir
    Path dir;

    private static final Plan PLAN = PlanBuilder.named("tasks").slots(2)
            .spec("parser", s -> s
                    .group("lexer", g -> g.payload(new Task("write the lexer", List.of("Lexer.java"), 3))
                            .writes("src/lexer"))
                    .group("grammar", g -> g.dependsOn("lexer")
                            .payload(new Task("write the grammar", List.of("Grammar.java", "Ast.java"), 5))
                            .reads("src/lexer").writes("src/grammar")))
            .spec("docs", s -> s.dependsOn("parser")
                    .group("0", g -> g.payload(new Task("document it", List.of(), 1)).writes("docs")))
            .build();

    private static RunResult await(RunHandle run) throws Exception {
        return run.result().toCompletableFuture().get(2, TimeUnit.MINUTES);
    }

    @Test
    void eachNodesTypedPayloadReachesTheRunnerAndIsJournaledWithThePlan() throws Exception {
        Map<String, Task> received = new ConcurrentHashMap<>();
        SessionRunner mine = SessionRunner.of(request -> CompletableFuture.supplyAsync(() -> {
            received.put(request.node().id(), request.payload(Task.class).orElseThrow());
            return SessionResult.succeeded();
        }));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), mine)) {
            RunResult result = await(engine.run(PLAN, new RunOptions("tasks-1", dir)));
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            assertThat(received).containsOnly(
                    Map.entry("parser:lexer", new Task("write the lexer", List.of("Lexer.java"), 3)),
                    Map.entry("parser:grammar", new Task("write the grammar", List.of("Grammar.java", "Ast.java"), 5)),
                    Map.entry("docs:0", new Task("document it", List.of(), 1)));
            // read back from the journal, as a resume or a retry would: the same plan, payloads and all
            PlanAccepted accepted = (PlanAccepted) engine.journal().events("tasks-1").get(0);
            assertThat(accepted.plan()).isEqualTo(PLAN);
        }
    }

    @Test
    void aPayloadOnlyNodeFailsWithTheProcessRunnerSayingWhy() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner())) {
            RunResult result = await(engine.run(PLAN, new RunOptions("tasks-2", dir)));
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(result.failed()).filteredOn(n -> n.state() == NodeLifecycle.State.FAILED)
                    .extracting(n -> n.id() + ": " + n.detail()).singleElement().asString()
                    .startsWith("parser:lexer: ").contains("has no command: it carries a payload for an in-process runner");
        }
    }

    @Test
    void aSubscriptionFromTheFirstEventMadeAfterRunSeesEveryEventOnce() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.instant())) {
            RunHandle run = engine.run(PLAN, new RunOptions("tasks-3", dir));
            List<RunEvent> heard = Collections.synchronizedList(new ArrayList<>());
            try (AutoCloseable all = run.subscribe(0, heard::add)) {
                assertThat(await(run).outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            }
            List<RunEvent> journal = engine.journal().events("tasks-3");
            assertThat(heard.get(0)).isInstanceOf(PlanAccepted.class);
            assertThat(heard).hasSameSizeAs(journal).containsExactlyInAnyOrderElementsOf(journal);

            // after the run: all of it again, or its tail from an offset
            List<RunEvent> again = new ArrayList<>();
            run.subscribe(0, again::add).close();
            assertThat(again).isEqualTo(heard);
            List<RunEvent> tail = new ArrayList<>();
            run.subscribe(heard.size() - 1, tail::add).close();
            assertThat(tail).singleElement().isInstanceOf(RunCompleted.class);
            assertThatThrownBy(() -> run.subscribe(-1, e -> { })).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aResumedRunsSubscriptionFromZeroStartsWithWhatTheJournalAlreadyHeld() throws Exception {
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), TestRunners.instant())) {
            await(engine.run(PLAN, new RunOptions("tasks-4", dir)));
            List<RunEvent> journal = engine.journal().events("tasks-4");
            RunHandle again = engine.run(PLAN, new RunOptions("tasks-4", dir)); // completed: nothing runs
            List<RunEvent> heard = new ArrayList<>();
            again.subscribe(0, heard::add).close();
            assertThat(heard).isEqualTo(journal);
        }
    }
}
