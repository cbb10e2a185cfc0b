package io.slotflow.cli;

import io.slotflow.replay.Replay;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code [--run-id ID] [--journal URL] [--state-dir DIR]}: a run in a journal, the latest by default. */
final class RunSelection {

    @Mixin
    JournalOptions journal;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run (default: the latest run in the journal).")
    String runId;

    Replay open() {
        return journal.openForReading();
    }

    /** The chosen run id, checked to exist. */
    String resolve(Replay replay) {
        List<String> runs = replay.runIds();
        if (runId == null) {
            if (runs.isEmpty()) {
                throw new Main.UserError("no runs in the journal at " + journal.describe(), ExitCode.INVALID);
            }
            return runs.get(runs.size() - 1);
        }
        if (!runs.contains(runId)) {
            throw new Main.UserError("no run " + runId + " in the journal at " + journal.describe(), ExitCode.INVALID);
        }
        return runId;
    }
}
