package io.slotflow.verify;

import io.slotflow.event.SessionFinished;
import io.slotflow.footprint.Footprint;
import java.util.ArrayList;
import java.util.List;

/**
 * The observed footprint of sessions in a git workspace (the files their branches changed, as
 * journaled) against what they declared, and against each other: a changed file no declared write
 * covers is a violation, and so is a file changed by two sessions that ran at the same time. Its own
 * reading of a write token as a path prefix: it shares no code with the engine's.
 */
final class ObservedWrites {

    private record Finished(String node, int attempt, int dispatchedAt, int finishedAt, List<String> files) {
    }

    private final List<Finished> finished = new ArrayList<>();

    void finished(SessionFinished e, Footprint declared, int dispatchedAt, int at, List<Violation> violations) {
        if (e.git().isEmpty()) {
            return;
        }
        List<String> files = e.git().get().files();
        List<String> outside = declared.writes().contains(Footprint.CATCH_ALL) ? List.of()
                : files.stream().filter(f -> declared.writes().stream().noneMatch(w -> under(f, w))).toList();
        if (!outside.isEmpty()) {
            violations.add(new Violation(Guarantee.DECLARED_WRITES, e.node() + " attempt " + e.attempt() + " changed "
                    + String.join(", ", outside) + ", outside its declared writes " + declared.writes(),
                    List.of(dispatchedAt, at)));
        }
        for (Finished other : finished) {
            // the other ended after this one was dispatched: they ran at the same time
            if (other.finishedAt() > dispatchedAt && !other.node().equals(e.node())) {
                List<String> both = files.stream().filter(other.files()::contains).toList();
                if (!both.isEmpty()) {
                    violations.add(new Violation(Guarantee.DECLARED_WRITES, e.node() + " and " + other.node()
                            + " ran at the same time and both changed " + String.join(", ", both),
                            List.of(other.dispatchedAt(), dispatchedAt, at)));
                }
            }
        }
        finished.add(new Finished(e.node(), e.attempt(), dispatchedAt, at, files));
    }

    private static boolean under(String file, String token) {
        String dir = token.endsWith("/") ? token : token + "/";
        return file.equals(token) || file.startsWith(dir);
    }
}
