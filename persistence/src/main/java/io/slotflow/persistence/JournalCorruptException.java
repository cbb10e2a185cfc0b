package io.slotflow.persistence;

/**
 * The journal is damaged: its database file cannot be read, or it holds fewer events of a run than
 * were written (a file cut short or overwritten, which H2 may roll back to an older state without a
 * word). Nothing may resume over it; the message names the file and says what is missing, in one line.
 */
public final class JournalCorruptException extends RuntimeException {

    public JournalCorruptException(String message) {
        super(message);
    }

    public JournalCorruptException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The database said its file is damaged while trying to do {@code what}. */
    static JournalCorruptException damaged(String what, String journal, Throwable failure) {
        return new JournalCorruptException("cannot " + what + ": the journal " + journal + " is damaged ("
                + JournalUnavailableException.rootMessage(failure) + "); restore it from a backup, or see "
                + "docs/reliability.md#a-damaged-journal", failure);
    }

    /** Whether a failure from the database says its file is damaged (H2's error 90030 and its storage layer). */
    static boolean isDamagedFile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_FILE_CORRUPTED) {
                return true;
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")
                    || String.valueOf(t.getMessage()).contains("File corrupted")) {
                return true;
            }
        }
        return false;
    }

    /** H2's ErrorCode.FILE_CORRUPTED_1. */
    private static final int H2_FILE_CORRUPTED = 90030;
}
