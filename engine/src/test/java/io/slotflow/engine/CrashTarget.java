package io.slotflow.engine;

import io.slotflow.event.NodeSucceeded;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.nio.file.Path;

/**
 * A child JVM for crash tests: runs a plan with in-JVM sessions and prints a line per node that
 * succeeds, so the test knows when to kill it. Usage: {@code CrashTarget STATE_DIR RUN_ID PLAN SCALE [JOURNAL_URL]}
 * (the journal's user from {@code SLOTFLOW_JOURNAL_USER}).
 */
public final class CrashTarget {

    private CrashTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Plan plan = PlanParser.parse(Path.of(args[2]));
        EngineSettings settings = EngineSettings.defaults(state);
        if (args.length > 4) {
            settings = settings.withJournal(io.slotflow.persistence.JournalSettings.fromUrl(args[4], System.getenv(), 4));
        }
        // "process" runs real processes; a number runs in-JVM sessions at that fraction of their estimates
        Slotflow engine = Slotflow.start(settings, args[3].equals("process")
                ? new io.slotflow.engine.runner.ProcessRunner()
                : TestRunners.scaled(Double.parseDouble(args[3])));
        RunHandle run = engine.run(plan, new RunOptions(args[1], Path.of(args[2]).toAbsolutePath().getParent()));
        run.subscribe(event -> {
            if (event instanceof NodeSucceeded s) {
                System.out.println("succeeded " + s.node());
                System.out.flush();
            }
        });
        run.result().toCompletableFuture().join();
        System.out.println("done");
        engine.close();
    }
}
