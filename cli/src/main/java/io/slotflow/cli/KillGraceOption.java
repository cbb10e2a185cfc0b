package io.slotflow.cli;

import io.slotflow.plan.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --kill-grace}: between TERM and KILL when a session is stopped. */
final class KillGraceOption {

    @Option(names = "--kill-grace", paramLabel = "DURATION", defaultValue = "500ms",
            description = "Between TERM and KILL when a session is stopped (default: ${DEFAULT-VALUE}).")
    String killGrace;

    Duration parse() {
        Duration grace = Durations.parse(killGrace);
        if (grace == null) {
            throw new Main.UserError("--kill-grace: expected a duration like 500ms or 2s, got '" + killGrace + "'",
                    ExitCode.INVALID);
        }
        return grace;
    }
}
