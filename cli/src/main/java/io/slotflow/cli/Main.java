package io.slotflow.cli;

import io.slotflow.engine.PlanMismatchException;
import io.slotflow.persistence.JournalCorruptException;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.persistence.RunHeldException;
import io.slotflow.plan.InvalidPlanException;
import io.slotflow.plan.PlanProblem;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The entry point: runs a command and turns every error into one clear line and a documented exit
 * code — never a stack trace for a user's mistake.
 */
public final class Main {

    /**
     * The PostgreSQL driver logs through java.util.logging straight to stderr, quoting parts of the
     * URL it could not parse (the password of a {@code user:password@host} URL among them). What it
     * has to say reaches Slotflow as exceptions too, whose messages are scrubbed: silence it. A
     * field, because java.util.logging holds its loggers weakly and would forget the setting.
     */
    private static final java.util.logging.Logger POSTGRES_DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        POSTGRES_DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private Main() {
    }

    public static void main(String[] args) {
        // a thread that dies (a session's log copier on a full disk) is one line, not a stack trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> org.slf4j.LoggerFactory.getLogger(Main.class)
                .warn("thread {} stopped", thread.getName(), e));
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter terminalOut, PrintWriter terminalErr) {
        // ids, names and messages from plans and journals never reach the terminal raw
        PrintWriter out = TerminalWriter.wrap(terminalOut);
        PrintWriter err = TerminalWriter.wrap(terminalErr);
        CommandLine commandLine = SlotflowCommand.commandLine(args);
        commandLine.setOut(out).setErr(err);
        commandLine.setExitCodeExceptionMapper(Main::exitCode);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("slotflow: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.INVALID;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof InvalidPlanException invalid) {
                invalid.problems().stream().map(PlanProblem::toString).forEach(err::println);
                err.println("slotflow: the plan has " + invalid.problems().size() + " problem"
                        + (invalid.problems().size() == 1 ? "" : "s") + "; nothing was run");
            } else if (e instanceof JournalUnavailableException || e instanceof PlanMismatchException
                    || e instanceof io.slotflow.engine.WorkspaceRefusedException || e instanceof UserError || e instanceof JournalCorruptException || e instanceof RunHeldException) {
                err.println("slotflow: " + e.getMessage());
            } else {
                err.println("slotflow: internal error: " + e + (debug(parsed) ? "" : " (run with --debug for details)"));
                if (debug(parsed)) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return exitCode(e);
        });
        return commandLine.execute(args);
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        return parsed != null && parsed.matchedOption("--debug") != null
                || parsed != null && parsed.subcommand() != null && parsed.subcommand().matchedOption("--debug") != null;
    }

    static int exitCode(Throwable e) {
        if (e instanceof InvalidPlanException || e instanceof PlanMismatchException
                || e instanceof io.slotflow.engine.WorkspaceRefusedException
                || e instanceof CommandLine.ParameterException) {
            return ExitCode.INVALID;
        }
        if (e instanceof JournalUnavailableException) {
            return ExitCode.JOURNAL;
        }
        if (e instanceof JournalCorruptException) {
            return ExitCode.JOURNAL_DAMAGED;
        }
        if (e instanceof RunHeldException) {
            return ExitCode.RUN_HELD;
        }
        if (e instanceof UserError user) {
            return user.exitCode();
        }
        return ExitCode.INTERNAL;
    }

    /** A mistake of the user's, with the exit code it deserves. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
