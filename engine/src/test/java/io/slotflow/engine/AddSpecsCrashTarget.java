package io.slotflow.engine;

import io.slotflow.event.NodeDispatched;
import io.slotflow.plan.PlanParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM for {@link AddSpecsCrashTest}: runs a plan with in-JVM sessions, adds specs once the
 * first session is dispatched, prints {@code added} once that is journaled, then runs on until it
 * is killed. Usage: {@code AddSpecsCrashTarget STATE_DIR RUN_ID PLAN ADDITION SCALE}.
 */
public final class AddSpecsCrashTarget {

    private AddSpecsCrashTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path plan = Path.of(args[2]);
        Slotflow engine = Slotflow.start(EngineSettings.defaults(Path.of(args[0])),
                TestRunners.scaled(Double.parseDouble(args[4])));
        RunHandle run = engine.run(PlanParser.parse(plan), new RunOptions(args[1], plan.toAbsolutePath().getParent()));
        CompletableFuture<Void> dispatched = new CompletableFuture<>();
        run.subscribe(event -> {
            if (event instanceof NodeDispatched) {
                dispatched.complete(null);
            }
        });
        dispatched.join();
        run.addSpecs(Files.readString(Path.of(args[3])), "more.yaml", "crash test").toCompletableFuture().join();
        System.out.println("added");
        System.out.flush();
        run.result().toCompletableFuture().join();
        engine.close();
    }
}
