package io.slotflow.engine;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionStarted;
import io.slotflow.plan.PlanParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link NodeCancelCrashTest}: runs a plan with real processes, cancels the waiting
 * {@code s:victim} and the running {@code s:first} once {@code s:first}'s session runs, prints
 * {@code cancelled} once both are journaled and the session's end is, then runs on until it is
 * killed. Usage: {@code NodeCancelCrashTarget STATE_DIR RUN_ID PLAN}.
 */
public final class NodeCancelCrashTarget {

    private NodeCancelCrashTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path plan = Path.of(args[2]);
        Slotflow engine = Slotflow.start(EngineSettings.defaults(Path.of(args[0])),
                new ProcessRunner(Duration.ofMillis(500)));
        RunHandle run = engine.run(PlanParser.parse(plan), new RunOptions(args[1], plan.toAbsolutePath().getParent()));
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        run.subscribe(0, event -> {
            if (event instanceof SessionStarted s && s.node().equals("s:first")) {
                started.complete(null);
            } else if (event instanceof SessionFinished f && f.node().equals("s:first")) {
                ended.complete(null);
            }
        });
        try {
            started.get(120, TimeUnit.SECONDS);
            // the waiting one first: cancelling s:first would block it otherwise
            run.cancelNode("s:victim", "crash test", "").toCompletableFuture().get(60, TimeUnit.SECONDS);
            run.cancelNode("s:first", "crash test", "stuck").toCompletableFuture().get(60, TimeUnit.SECONDS);
            ended.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.out.flush();
            System.exit(1); // the parent reads the end of the output and fails, rather than waiting on
        }
        System.out.println("cancelled");
        System.out.flush();
        run.result().toCompletableFuture().join();
        engine.close();
    }
}
