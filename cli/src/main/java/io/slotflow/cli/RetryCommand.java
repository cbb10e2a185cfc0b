package io.slotflow.cli;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RetryRefusedException;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.event.PlanAccepted;
import io.slotflow.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slotflow retry RUN}: gives the failed, timed-out and blocked groups of a finished run new
 * attempts within the same run, with the plan the run started with (from the journal); what
 * succeeded stays done. It runs and ends like {@code slotflow run}.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Retry the failed, timed-out and blocked work of a finished run, within the same run.")
final class RetryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--plan-dir", paramLabel = "DIR", defaultValue = ".",
            description = "What the plan's relative workdirs resolve against: the plan file's directory when "
                    + "the run started (default: the current directory). The summary of a failed run prints it.")
    Path planDirectory;

    @Mixin
    JournalOptions journal;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "auto",
            description = "live (redrawn in place), lines (timestamped lines) or auto: live on a terminal (default).")
    String view;

    @Mixin
    KillGraceOption killGrace;

    @Mixin
    StopGraceOption stopGrace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration grace = killGrace.parse();
        Duration stop = stopGrace.parse();
        boolean liveView = RunCommand.terminal(view);
        if (!java.nio.file.Files.isDirectory(planDirectory)) {
            throw new Main.UserError("--plan-dir: " + planDirectory + " is not a directory", ExitCode.INVALID);
        }
        journal.openReader().close(); // a missing journal is named, never created
        PrintWriter out = spec.commandLine().getOut();
        EngineSettings settings = EngineSettings.defaults(journal.stateDir).withJournal(journal.settings())
                .withKillGrace(grace);
        String again = "slotflow retry " + runId + " --plan-dir " + planDirectory.toAbsolutePath().normalize()
                + journal.sameJournalOptions();
        RunCommand.startingLine(out, liveView);
        try (EngineLogFile log = EngineLogFile.open(journal.stateDir);
                RunCommand.Engine engine = RunCommand.Engine.local(settings, grace)) {
            Plan plan = engine.journal().events(runId).stream()
                    .filter(e -> e instanceof PlanAccepted).map(e -> ((PlanAccepted) e).plan()).findFirst()
                    .orElseThrow(() -> new Main.UserError("no run " + runId + " in the journal at " + journal.describe(),
                            ExitCode.INVALID));
            RunHandle run;
            try {
                run = engine.retry(plan, new RunOptions(runId, planDirectory));
            } catch (RetryRefusedException e) {
                throw new Main.UserError(e.getMessage(), ExitCode.INVALID);
            }
            out.printf("retry of run %s: %s, K = %d%n", runId, plan.name(), plan.run().slots());
            return RunCommand.follow(out, engine, run, plan, liveView, stop, journal, settings, again, again,
                    java.util.Optional.empty());
        }
    }
}
