package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group that depends on a group of another spec, through the real engine (H2 journal, real
 * processes): it starts once that group succeeded, not when its spec completes; and after the engine
 * stops and a new one resumes the run, the dependent spec learns again that the group succeeded.
 */
class GroupsAcrossEngineTest {

    @TempDir
    Path dir;

    private static int index(List<RunEvent> events, Class<?> type, String node) {
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (type.isInstance(e) && (e instanceof NodeDispatched d && d.node().equals(node)
                    || e instanceof NodeSucceeded s && s.node().equals(node))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theDependentStartsWhenTheOtherSpecsGroupSucceeds() throws Exception {
        Plan plan = PlanParser.parse("""
                run: {slots: 3}
                specs:
                  - id: lexer
                    groups:
                      - {id: tokens, command: 'true', writes: [lex]}
                      - {id: docs, command: 'sleep 2', writes: [lexdocs], depends-on: [tokens]}
                  - id: parser
                    groups:
                      - {id: tokens, command: 'true', writes: [ptok], depends-on: ['lexer:tokens']}
                """, "across.yaml");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner())) {
            RunResult result = engine.run(plan, new RunOptions("across", dir)).result().toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("across");
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(index(journal, NodeDispatched.class, "parser:tokens"))
                    .isGreaterThan(index(journal, NodeSucceeded.class, "lexer:tokens"))
                    .isLessThan(index(journal, NodeSucceeded.class, "lexer:docs"));
        }
    }

    @Test
    void aResumedRunLearnsAgainThatTheOtherSpecsGroupSucceeded() throws Exception {
        // parser:grammar runs until the file 'go' exists: the first engine stops while it runs
        Plan plan = PlanParser.parse("""
                run: {slots: 3}
                specs:
                  - id: lexer
                    groups:
                      - {id: tokens, command: 'true', writes: [lex]}
                  - id: parser
                    groups:
                      - {id: grammar, command: 'while [ ! -f go ]; do sleep 0.1; done', writes: [grammar]}
                      - {id: tokens, command: 'true', writes: [ptok], depends-on: [grammar, 'lexer:tokens']}
                """, "across.yaml");
        Path state = dir.resolve("state");
        try (Slotflow first = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            first.run(plan, new RunOptions("resumed", dir));
            // the journal knows no run "resumed" until its plan is written
            await().atMost(Duration.ofMinutes(2)).ignoreException(java.util.NoSuchElementException.class).until(() -> {
                List<RunEvent> events = first.journal().events("resumed");
                return index(events, NodeSucceeded.class, "lexer:tokens") >= 0
                        && index(events, NodeDispatched.class, "parser:grammar") >= 0;
            });
        }
        Files.writeString(dir.resolve("go"), "");
        try (Slotflow second = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner())) {
            RunResult result = second.run(plan, new RunOptions("resumed", dir)).result().toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = second.journal().events("resumed");
            assertThat(new Verifier().check(journal)).isEmpty();
            assertThat(journal.stream().filter(e -> e instanceof NodeDispatched d && d.node().equals("lexer:tokens")))
                    .as("lexer:tokens ran once, before the stop").hasSize(1);
            assertThat(index(journal, NodeSucceeded.class, "parser:tokens")).isPositive();
        }
    }
}
