package io.slotflow.workspace;

import java.util.List;
import java.util.Objects;

/**
 * The target branch moved under a running session, and the new commits touch files that session
 * changed so far or declared it writes: it may want to rebase before it finishes.
 *
 * @param target the target branch's short name
 * @param base the commit the session's branch was made from
 * @param tip the target's new tip
 * @param files the files both the commits from {@code base} to {@code tip} and the session touch
 */
public record Drift(String target, String base, String tip, List<String> files) {

    public Drift {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(tip, "tip");
        files = List.copyOf(files);
    }
}
