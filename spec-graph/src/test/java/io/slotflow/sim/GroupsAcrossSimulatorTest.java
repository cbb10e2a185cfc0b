package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group that depends on a group of another spec, through the run core and the spec rules the engine uses. */
class GroupsAcrossSimulatorTest {

    private static final Plan PLAN = PlanParser.parse("""
            run: {slots: 3}
            specs:
              - id: lexer
                groups:
                  - {id: tokens, command: 'true', writes: [lex], estimate: 10m}
                  - {id: docs, command: 'true', writes: [lexdocs], estimate: 30m, depends-on: [tokens]}
              - id: parser
                groups:
                  - {id: tokens, command: 'true', writes: [ptok], estimate: 1m, depends-on: ['lexer:tokens']}
            """, "across.yaml");

    private static int index(List<RunEvent> events, Class<?> type, String node) {
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (type.isInstance(e) && (e instanceof NodeDispatched d && d.node().equals(node)
                    || e instanceof NodeSucceeded s && s.node().equals(node)
                    || e instanceof NodeBlocked b && b.node().equals(node))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theDependentStartsOnceTheOtherSpecsGroupSucceededNotWhenItsSpecCompletes() {
        Simulator.Result result = Simulator.run(PLAN, Simulator.Settings.defaults());
        List<RunEvent> events = result.events();
        assertThat(new Verifier().check(events)).isEmpty();
        int tokensDone = index(events, NodeSucceeded.class, "lexer:tokens");
        int parserStarts = index(events, NodeDispatched.class, "parser:tokens");
        assertThat(parserStarts).isGreaterThan(tokensDone);
        assertThat(parserStarts).as("before lexer's last group ends")
                .isLessThan(index(events, NodeSucceeded.class, "lexer:docs"));
    }

    @Test
    void aFailedGroupBlocksItsDependentInTheOtherSpec() {
        Simulator.Result result = Simulator.run(PLAN, Simulator.Settings.defaults().withOutcomes((node, attempt) ->
                node.id().equals("lexer:tokens") ? SessionOutcome.FAILED : SessionOutcome.SUCCEEDED));
        assertThat(new Verifier().check(result.events())).isEmpty();
        assertThat(index(result.events(), NodeBlocked.class, "parser:tokens")).isPositive();
        assertThat(index(result.events(), NodeDispatched.class, "parser:tokens")).isNegative();
    }
}
