package io.slotflow.persistence;

/** The journal's database cannot be reached or used; the message says which and why, in one line. */
public final class JournalUnavailableException extends RuntimeException {

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The innermost cause's message: what the database or driver actually said, with any password
     * in a URL it quotes masked (see also {@link JournalSettings#scrub}, which knows the password).
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return JournalSettings.redact(newline < 0 ? message : message.substring(0, newline));
    }
}
