package io.slotflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SpecFailed;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.PlanParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group that depends on a group of another spec: the spec rules' side. */
class GroupsAcrossTest {

    private static final Instant T = Instant.EPOCH;

    // parser:tokens waits for lexer:tokens (another spec); parser:ast waits for parser:tokens
    private final PlanGraph graph = PlanGraph.of(PlanParser.parse("""
            specs:
              - id: lexer
                groups:
                  - {id: tokens, command: 'true', writes: [lex]}
                  - {id: docs, command: 'true', writes: [lexdocs], depends-on: [tokens]}
              - id: parser
                groups:
                  - {id: grammar, command: 'true', writes: [grammar]}
                  - {id: tokens, command: 'true', writes: [ptok], depends-on: [grammar, 'lexer:tokens']}
                  - {id: ast, command: 'true', writes: [ast], depends-on: [tokens]}
            """, "across.yaml"));

    private final SpecProgress parser = new SpecProgress("parser", graph);

    private List<RunEvent> applied(List<RunEvent> events) {
        events.forEach(parser::apply);
        return events;
    }

    @Test
    void theGraphKnowsTheDependencyBothWays() {
        assertThat(graph.groupsAcross("parser:tokens")).containsExactly("lexer:tokens");
        assertThat(graph.dependentsAcross("lexer:tokens")).containsExactly("parser:tokens");
        assertThat(graph.group("parser:tokens").dependsOn()).containsExactly("parser:grammar", "lexer:tokens");
        assertThat(graph.bottomLevelMillis("lexer:tokens")).as("the critical path runs through it")
                .isEqualTo(graph.bottomLevelMillis("parser:tokens") + 300_000);
    }

    @Test
    void aGroupWaitsForTheOtherSpecsGroupAsWellAsItsOwn() {
        applied(parser.begin(T));
        assertThat(parser.awaitedGroups()).containsExactly("lexer:tokens");
        applied(parser.sessionOutcome(new NodeOutcome("parser:grammar", 1,
                io.slotflow.event.SessionOutcome.SUCCEEDED, ""), T));
        assertThat(parser.state("parser:tokens")).isEqualTo(SpecProgress.GroupState.WAITING);
        assertThat(applied(parser.groupAcrossSucceeded("lexer:tokens", T)))
                .containsExactly(new NodeReady("parser:tokens", 1, 0, T));
        assertThat(parser.groupAcrossSucceeded("lexer:tokens", T)).as("idempotent").isEmpty();
        assertThat(parser.awaitedGroups()).isEmpty();
    }

    @Test
    void theOtherSpecsGroupSucceedingFirstIsRememberedUntilItsOwnDependenciesSucceed() {
        applied(parser.begin(T));
        assertThat(applied(parser.groupAcrossSucceeded("lexer:tokens", T))).isEmpty();
        assertThat(applied(parser.sessionOutcome(new NodeOutcome("parser:grammar", 1,
                io.slotflow.event.SessionOutcome.SUCCEEDED, ""), T)))
                .contains(new NodeReady("parser:tokens", 1, 0, T));
    }

    @Test
    void aFailedGroupAcrossBlocksItsDependentsAndWhatWaitsOnThem() {
        applied(parser.begin(T));
        applied(parser.sessionOutcome(new NodeOutcome("parser:grammar", 1,
                io.slotflow.event.SessionOutcome.SUCCEEDED, ""), T));
        assertThat(applied(parser.groupAcrossFailed("lexer:tokens", T))).containsExactly(
                new NodeBlocked("parser:tokens", "lexer:tokens", T), new NodeBlocked("parser:ast", "lexer:tokens", T),
                new SpecFailed("parser", List.of("parser:tokens", "parser:ast"), T));
        assertThat(parser.status()).isEqualTo(SpecProgress.Status.FAILED);
    }
}
