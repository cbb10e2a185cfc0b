package io.slotflow.cli;

import io.slotflow.replay.Replay;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow runs}: the runs in a journal. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in a journal.")
final class RunsCommand implements Callable<Integer> {

    @Mixin
    JournalOptions journal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Replay replay = journal.openForReading()) {
            var runs = replay.runs();
            if (runs.isEmpty()) {
                out.println("no runs in the journal at " + journal.describe());
                return ExitCode.OK;
            }
            out.printf("%-36s %-20s %-19s %9s %-24s %s%n", "run", "plan", "started", "took", "phase", "nodes");
            for (Replay.RunInfo run : runs) {
                if (run.started() == null) {
                    out.printf("%-36s %s%n", run.runId(), Show.cut(run.phase(), 120));
                    continue;
                }
                out.printf("%-36s %-20s %-19s %9s %-24s %d/%d succeeded, %d failed%n", run.runId(),
                        Show.cut(run.plan(), 20), Show.dateTime(run.started()),
                        Show.duration(Duration.between(run.started(), run.lastEvent())), run.phase(), run.succeeded(),
                        run.nodes(), run.failed());
            }
            return ExitCode.OK;
        }
    }
}
