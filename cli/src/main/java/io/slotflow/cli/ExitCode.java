package io.slotflow.cli;

/** The exit codes of the slotflow command (docs/cli.md). */
public final class ExitCode {

    /** Every node succeeded; or the command did what was asked. */
    public static final int OK = 0;
    /** The run completed, and some nodes failed or were blocked. */
    public static final int FAILED = 1;
    /** Invalid plan or usage: nothing was run, nothing was written. */
    public static final int INVALID = 2;
    /** The journal or its database cannot be used. */
    public static final int JOURNAL = 3;
    /** {@code verify}: the run broke a guarantee. */
    public static final int VIOLATIONS = 4;
    /** The journal is damaged or lost events of the run: nothing was run; restore it from a backup. */
    public static final int JOURNAL_DAMAGED = 5;
    /** Another live engine runs the run (it holds the run's lease): nothing was run. */
    public static final int RUN_HELD = 6;
    /** Interrupted (Ctrl-C); run again with the same run id to resume. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (sessions finished or cancelled after the stop grace); run again with the same run id to resume. */
    public static final int TERMINATED = 143;
    /** A bug in Slotflow: the message says what, {@code --debug} shows the stack trace. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
