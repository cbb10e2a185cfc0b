package io.slotflow.cli;

import io.slotflow.event.RunEvent;
import io.slotflow.replay.EventLog;
import io.slotflow.replay.Replay;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow replay}: a run's story, one line per event, in journal order. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Tell a run's story from the journal: one line per event, in order.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    RunSelection selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Replay replay = selection.open()) {
            String runId = selection.resolve(replay);
            List<RunEvent> events = replay.events(runId);
            Instant start = events.get(0).at();
            out.printf("run %s: %d events, from %s%n", runId, events.size(), Show.dateTime(start));
            for (RunEvent event : events) {
                out.printf("%9s  %s%n", "+" + Show.duration(Duration.between(start, event.at())), EventLog.describe(event));
            }
            return ExitCode.OK;
        }
    }
}
