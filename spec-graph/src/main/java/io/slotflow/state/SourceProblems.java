package io.slotflow.state;

import io.slotflow.event.RunEvent;
import io.slotflow.event.SourceFailed;
import io.slotflow.event.SourceRejected;
import java.time.Instant;
import java.util.Optional;

/**
 * The one line an operator reads for a rejected or failed work-source run, the same in the live
 * view, {@code status} and the served engine's status: which source and run, why (its first
 * problem), what it printed (size), and when it runs again or that it was given up.
 */
public final class SourceProblems {

    private SourceProblems() {
    }

    /** The line for a {@code source-rejected} or {@code source-failed}; empty for any other event. */
    public static Optional<String> line(RunEvent event) {
        if (event instanceof SourceRejected r) {
            return Optional.of("source " + r.source() + " run " + r.run() + " REJECTED, nothing of it runs: "
                    + firstLine(r.reason()) + " (" + r.payloadBytes() + " bytes printed" + more(r.reason()) + "); "
                    + next(r.retryAt()));
        }
        if (event instanceof SourceFailed f) {
            return Optional.of("source " + f.source() + " run " + f.run() + " FAILED: " + f.reason() + "; "
                    + next(f.retryAt()));
        }
        return Optional.empty();
    }

    private static String next(Optional<Instant> retryAt) {
        return retryAt.map(at -> "runs again at " + at).orElse("given up (its retries are spent)");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String more(String reason) {
        long lines = reason.lines().count();
        return lines > 1 ? "; " + (lines - 1) + " more problems in the journal" : "";
    }
}
