package io.slotflow.persistence;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps an H2 journal's files owner-only. The journal holds every event — failure messages, the
 * plan's commands and environment — so its file is created 0600 before H2 opens it (H2 keeps an
 * empty file's permissions and fills it), in a directory created 0700; the lock file H2 writes
 * next to it names the port of the database's local server, and is made 0600 once it exists.
 */
public final class JournalFiles {

    private JournalFiles() {
    }

    /**
     * Before the database is opened, and again after: creates the journal's directory and file
     * owner-only, and restricts the lock file if there is one. Nothing for PostgreSQL or an H2
     * database in memory.
     *
     * @throws JournalUnavailableException when the files cannot be created or restricted
     */
    public static void restrict(JournalSettings settings) {
        settings.h2File().ifPresent(file -> {
            try {
                OwnerOnly.createDirectories(file.getParent());
                OwnerOnly.restrictFile(file);
                Path lock = file.resolveSibling(file.getFileName().toString().replace(".mv.db", ".lock.db"));
                OwnerOnly.restrictIfPresent(lock);
            } catch (IOException e) {
                throw new JournalUnavailableException("cannot create the journal file " + file + " owner-only: "
                        + JournalUnavailableException.rootMessage(e), e);
            }
        });
    }
}
