package io.slotflow.engine;

import java.nio.file.Path;

/**
 * How a run's {@link RunHandle#result()} fails when the disk holding the engine's state directory
 * (the default journal, every session's log) fills up: nothing more can be recorded, so the engine
 * stops the run at once and kills its sessions rather than retrying against a journal that cannot
 * grow. Free some space, then run the plan again under the same run id to resume it.
 */
public final class DiskFullException extends RuntimeException {

    private final transient Path directory;

    public DiskFullException(Path directory, String message) {
        super(message);
        this.directory = directory;
    }

    /** The state directory whose disk is full. */
    public Path directory() {
        return directory;
    }
}
