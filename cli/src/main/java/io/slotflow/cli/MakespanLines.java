package io.slotflow.cli;

import io.slotflow.metrics.Telemetry;
import java.util.ArrayList;
import java.util.List;

/**
 * Makespan against the lower bound, and the wall time apart when the engine was down between a
 * stop and a resume: {@code stats} and the summary of {@code run} print the same lines.
 */
final class MakespanLines {

    private MakespanLines() {
    }

    static List<String> of(Telemetry t) {
        List<String> lines = new ArrayList<>();
        if (t.completed()) {
            lines.add(String.format("makespan %s, lower bound %s (%.2f×)", Show.duration(t.makespan()),
                    Show.duration(t.lowerBound()), t.makespanRatio()));
        } else {
            // a ratio to a lower bound means nothing before the run's end
            lines.add(String.format("active %s so far, lower bound %s (no ratio before the run completes)",
                    Show.duration(t.makespan()), Show.duration(t.lowerBound())));
        }
        if (t.resumes() > 0) {
            lines.add(String.format("wall time %s: the engine was down %s before %d resume%s "
                            + "(left out of the makespan, the ratio and utilization)", Show.duration(t.wallTime()),
                    Show.duration(t.downTime()), t.resumes(), t.resumes() == 1 ? "" : "s"));
        }
        return lines;
    }
}
