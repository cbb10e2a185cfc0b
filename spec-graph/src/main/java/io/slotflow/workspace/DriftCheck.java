package io.slotflow.workspace;

import io.slotflow.footprint.Footprint;
import java.util.Collection;
import java.util.List;

/**
 * Which files of a target's new commits a running session has a stake in: the ones it changed so
 * far, and the ones its declared writes cover (path prefixes, as in {@link WriteCheck}). A node
 * without a footprint declared nothing: only what it changed counts, or every move would be drift.
 */
public final class DriftCheck {

    private DriftCheck() {
    }

    /** The touched files the session changed or declared, sorted, each once. */
    public static List<String> overlap(Collection<String> touched, Collection<String> changed, Footprint declared) {
        boolean declaredNothing = declared.writes().contains(Footprint.CATCH_ALL);
        return touched.stream()
                .filter(f -> changed.contains(f)
                        || !declaredNothing && declared.writes().stream().anyMatch(t -> WriteCheck.covers(t, f)))
                .distinct().sorted().toList();
    }
}
