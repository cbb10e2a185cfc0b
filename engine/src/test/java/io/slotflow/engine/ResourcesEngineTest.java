package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.policy.WaitKind;
import io.slotflow.verify.Verifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counted resources through the real engine (H2 journal, real processes): six sessions that each use
 * one of two GPUs, on four slots, never run more than two at a time, and those that waited waited for
 * the resource.
 */
class ResourcesEngineTest {

    @TempDir
    Path dir;

    @Test
    void sessionsNeverUseMoreOfAResourceThanItsCapacity() throws Exception {
        StringBuilder specs = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            specs.append("  - {id: train-").append(i).append(", command: 'sleep 0.3', writes: [t").append(i)
                    .append("], uses: {gpu: 1}}\n");
        }
        specs.append("  - {id: plain, command: 'true', writes: [p]}\n");
        Plan plan = PlanParser.parse("run: {slots: 4}\nresources: {gpu: 2}\nspecs:\n" + specs, "gpu.yaml");
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new ProcessRunner())) {
            RunResult result = engine.run(plan, new RunOptions("gpu", dir)).result().toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
            List<RunEvent> journal = engine.journal().events("gpu");
            assertThat(new Verifier().check(journal)).isEmpty();

            Set<String> training = new HashSet<>();
            int most = 0;
            long waitedForGpu = 0;
            for (RunEvent e : journal) {
                if (e instanceof NodeDispatched d && d.node().startsWith("train-")) {
                    training.add(d.node());
                    most = Math.max(most, training.size());
                    waitedForGpu += d.waitedMillis().getOrDefault(WaitKind.RESOURCE_FULL, 0L);
                } else if (e instanceof SessionFinished f) {
                    training.remove(f.node());
                }
            }
            assertThat(most).as("GPU sessions at once").isEqualTo(2);
            assertThat(waitedForGpu).as("time waited because the GPUs were full").isPositive();
        }
    }
}
