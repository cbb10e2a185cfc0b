package io.slotflow.core;

/**
 * What a work source's run came to before the run core checks its items like a plan's: items that
 * match the published schema, output that does not, or a run that failed.
 */
public sealed interface SourceVerdict {

    /**
     * The output matched the work-item schema.
     *
     * @param specsJson the items as the plan's spec list, {@code {"specs": [...]}}
     * @param printed what it printed (kept, size-capped, should the plan's rules reject the items)
     * @param bytes how many bytes it printed
     */
    record Items(String specsJson, String printed, long bytes) implements SourceVerdict {
    }

    /** The output did not match: not JSON, too big, a missing field, an unknown shape, a newer version. */
    record Malformed(String reason, String printed, long bytes) implements SourceVerdict {
    }

    /** It exited non-zero, timed out, or could not start. */
    record Failed(String reason) implements SourceVerdict {
    }
}
