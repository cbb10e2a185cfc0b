package io.slotflow.engine.cluster;

/**
 * Where a spec actor lives in the cluster: one sharded entity per run and spec. Sharding names
 * entities by a string; this is the one place that writes and reads it.
 */
record SpecAddress(String runId, String specId) {

    // a run id never contains it (RunOptions checks them), so the first one splits the two
    private static final char SEPARATOR = '|';

    String entityId() {
        return runId + SEPARATOR + specId;
    }

    static SpecAddress of(String entityId) {
        int at = entityId.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a spec entity id: " + entityId);
        }
        return new SpecAddress(entityId.substring(0, at), entityId.substring(at + 1));
    }
}
