package io.slotflow.engine;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

public final class EmbeddingExample {

    /** Runs a plan file with real processes and prints each node as it succeeds. */
    public static RunResult runPlan(Path stateDir, Path planFile) throws Exception {
        Plan plan = PlanParser.parse(planFile);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(stateDir), new ProcessRunner())) {
            RunHandle run = engine.run(plan, new RunOptions("nightly-1", planFile.getParent()));
            try (AutoCloseable printer = run.subscribe(event -> {
                if (event instanceof NodeSucceeded done) {
                    System.out.println("done: " + done.node());
                }
            })) {
                RunStatus status = run.status();
                System.out.println(status.phase() + ", " + status.running().size() + " running");
                return run.result().toCompletableFuture().get(1, TimeUnit.HOURS);
            }
        }
    }

    /** The same plan, each session run by the application itself instead of a process. */
    public static RunResult runInProcess(Path stateDir, Path planFile) throws Exception {
        SessionRunner mine = SessionRunner.of(request -> CompletableFuture.supplyAsync(() -> {
            System.out.println("working on " + request.node().id() + ", attempt " + request.attempt());
            return SessionResult.succeeded();
        }));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(stateDir), mine)) {
            RunHandle run = engine.run(PlanParser.parse(planFile), new RunOptions("in-process-1", planFile.getParent()));
            return run.result().toCompletableFuture().get(1, TimeUnit.HOURS);
        }
    }

    private EmbeddingExample() {
    }
}
