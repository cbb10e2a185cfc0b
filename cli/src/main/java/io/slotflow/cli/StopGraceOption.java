package io.slotflow.cli;

import io.slotflow.plan.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --stop-grace}: on SIGTERM, how long running sessions may finish before they are cancelled. */
final class StopGraceOption {

    @Option(names = "--stop-grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "On SIGTERM: how long the running sessions may finish before they are cancelled "
                    + "(default: ${DEFAULT-VALUE}).")
    String stopGrace;

    Duration parse() {
        Duration grace = Durations.parse(stopGrace);
        if (grace == null) {
            throw new Main.UserError("--stop-grace: expected a duration like 30s or 2m, got '" + stopGrace + "'",
                    ExitCode.INVALID);
        }
        return grace;
    }
}
