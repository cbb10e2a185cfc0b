package io.slotflow.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of one engine, by run id: routes a session host's reports to the slot manager of the
 * session's run. A report for a run not (or no longer) here is dropped; the host sends it again
 * until a slot manager acknowledges it, so a run resumed later still gets it.
 */
public final class LocalRuns implements HostContext.ReportSink {

    private final Map<String, RunDirectory> runs = new ConcurrentHashMap<>();

    void register(String runId, RunDirectory directory) {
        runs.put(runId, directory);
    }

    void unregister(String runId, RunDirectory directory) {
        runs.remove(runId, directory);
    }

    @Override
    public void deliver(String runId, SlotManager.Command report) {
        RunDirectory directory = runs.get(runId);
        if (directory != null) {
            directory.slotManager(report);
        }
    }
}
