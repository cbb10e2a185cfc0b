package io.slotflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.QueueDecided;
import io.slotflow.event.RecordedWait;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.plan.PlanParser;
import io.slotflow.policy.WaitKind;
import io.slotflow.sim.Simulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the run core journals about waiting nodes (queue-decided), on the simulated review flood. */
class WaitRecordTest {

    private static final List<RunEvent> FLOOD =
            Simulator.run(PlanParser.parse(Path.of("../docs/examples/review-flood.yaml"))).events();

    @Test
    void eachRecordNamesOnlyReasonsThatChangedAndPrecedesTheStartsItAnnounces() {
        Map<String, RecordedWait> recorded = new HashMap<>();
        int records = 0;
        for (int i = 0; i < FLOOD.size(); i++) {
            RunEvent event = FLOOD.get(i);
            if (event instanceof RunResumed) {
                recorded.clear();
            } else if (event instanceof NodeDispatched d) {
                recorded.remove(d.node());
            } else if (event instanceof QueueDecided q) {
                records++;
                assertThat(q.waiting().isEmpty() && q.left().isEmpty()).as("a record without a change, at %d", i)
                        .isFalse();
                for (Map.Entry<String, RecordedWait> w : q.waiting().entrySet()) {
                    assertThat(recorded.put(w.getKey(), w.getValue())).as("%s recorded again unchanged", w.getKey())
                            .isNotEqualTo(w.getValue());
                }
                for (int s = 0; s < q.started().size(); s++) {
                    assertThat(FLOOD.get(i + 1 + s)).as("the starts follow their record")
                            .isInstanceOfSatisfying(NodeDispatched.class,
                                    d -> assertThat(q.started()).contains(d.node()));
                }
            }
        }
        assertThat(records).isPositive();
    }

    @Test
    void reviewsHeldBackByTheirQuotaAreRecordedAsSuch() {
        assertThat(FLOOD).filteredOn(e -> e instanceof QueueDecided q && q.waiting().entrySet().stream()
                        .anyMatch(w -> w.getKey().contains("review") && w.getValue().kind() == WaitKind.CLASS_QUOTA
                                && w.getValue().about().equals("review")))
                .isNotEmpty();
    }
}
