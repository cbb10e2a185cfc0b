package io.slotflow.engine.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches the disk that holds the state directory (the default journal and every session's log).
 * When it fills up, nothing more can be recorded — each write fails, each retry too — so a run
 * stops at once and says why, rather than retrying for minutes against a journal that cannot grow.
 */
public final class FullDisk {

    /** Below this, a disk counts as full: too little for a journal page and a log buffer. */
    public static final long LEFT = 256 * 1024;

    private final Path directory;
    private final FileStore store;

    private FullDisk(Path directory, FileStore store) {
        this.directory = directory;
        this.store = store;
    }

    /** Watches the file system of {@code directory}; one that cannot be looked at is never reported full. */
    public static FullDisk of(Path directory) {
        Path existing = directory.toAbsolutePath().normalize();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent(); // not made yet: it will be on its parent's disk
        }
        try {
            return new FullDisk(directory, Files.getFileStore(existing));
        } catch (IOException | RuntimeException e) {
            return new FullDisk(directory, null);
        }
    }

    public boolean isFull() {
        try {
            return store != null && store.getUsableSpace() < LEFT;
        } catch (IOException e) {
            return false;
        }
    }

    public String describe() {
        return "the disk holding " + directory.toAbsolutePath().normalize() + " is full";
    }
}
