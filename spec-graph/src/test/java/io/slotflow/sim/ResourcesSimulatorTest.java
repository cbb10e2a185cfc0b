package io.slotflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator behind dry-run holds counted resources as the engine does: it decides through the same policy. */
class ResourcesSimulatorTest {

    private static Plan plan(String resources) {
        StringBuilder yaml = new StringBuilder("run: {slots: 4}\n" + resources + "specs:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("  - {id: train-").append(i).append(", command: 'true', estimate: 1m, writes: [t").append(i)
                    .append("]").append(resources.isEmpty() ? "" : ", uses: {gpu: 1}").append("}\n");
        }
        return PlanParser.parse(yaml.toString(), "gpu.yaml");
    }

    @Test
    void twoGpusRunSixOneMinuteSessionsInThreeMinutesOnFourSlots() {
        Simulator.Result limited = Simulator.run(plan("resources: {gpu: 2}\n"));
        assertThat(new Verifier().check(limited.events())).isEmpty();
        assertThat(limited.makespan()).isEqualTo(Duration.ofMinutes(3));
        assertThat(limited.lowerBound()).as("6 GPU-minutes over 2 GPUs").isEqualTo(Duration.ofMinutes(3));
        assertThat(Simulator.run(plan("")).makespan()).as("without the resource").isEqualTo(Duration.ofMinutes(2));
    }
}
