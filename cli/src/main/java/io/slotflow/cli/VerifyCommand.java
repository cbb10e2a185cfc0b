package io.slotflow.cli;

import io.slotflow.event.RunEvent;
import io.slotflow.replay.EventLog;
import io.slotflow.replay.Replay;
import io.slotflow.verify.Guarantee;
import io.slotflow.verify.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code slotflow verify}: checks every guarantee on a run's journal; exit 4 when one was broken. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every guarantee on a run's events. Exit 0 when none was broken, 4 when any was.")
final class VerifyCommand implements Callable<Integer> {

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
            List<Violation> violations = replay.verify(runId);
            if (violations.isEmpty()) {
                out.printf("run %s: every guarantee held (%d events checked)%n", runId, events.size());
                for (Guarantee g : Guarantee.values()) {
                    out.printf("  ok  %s%n", g.promise());
                }
                return ExitCode.OK;
            }
            out.printf("run %s: %d broken guarantee%s%n", runId, violations.size(), violations.size() == 1 ? "" : "s");
            for (Violation v : violations) {
                out.printf("  %s: %s%n", v.guarantee().label(), v.message());
                for (int index : v.evidence()) {
                    RunEvent e = events.get(index);
                    out.printf("      #%d %s %s%n", index, Show.clock(e.at()), EventLog.describe(e));
                }
            }
            return ExitCode.VIOLATIONS;
        }
    }
}
