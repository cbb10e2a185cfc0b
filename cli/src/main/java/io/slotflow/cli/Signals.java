package io.slotflow.cli;

import io.slotflow.engine.RunHandle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM while a run runs. Ctrl-C (SIGINT) stops dispatching and cancels the running
 * sessions. SIGTERM (systemd, Docker, a CI cancel) stops dispatching and lets the running
 * sessions finish for up to the stop grace; the end of the grace, or a second signal of either
 * kind, cancels those still running. One more signal after the cancel exits at once.
 */
final class Signals implements AutoCloseable {

    /** What stopped the run first, and the exit code it ends with. */
    enum Cause {
        INTERRUPT(ExitCode.INTERRUPTED), TERMINATE(ExitCode.TERMINATED);

        private final int exitCode;

        Cause(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Signal interrupt = new Signal("INT");
    private final Signal terminate = new Signal("TERM");
    private final SignalHandler previousInterrupt;
    private final SignalHandler previousTerminate;
    private final RunHandle run;
    private final Duration grace;
    private final PrintStream err;
    private final ScheduledExecutorService graceTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slotflow-stop-grace");
        thread.setDaemon(true);
        return thread;
    });
    private Cause cause;
    private boolean cancelled;

    private Signals(RunHandle run, Duration grace, PrintStream err) {
        this.run = run;
        this.grace = grace;
        this.err = err;
        previousInterrupt = Signal.handle(interrupt, sig -> received(Cause.INTERRUPT));
        previousTerminate = Signal.handle(terminate, sig -> received(Cause.TERMINATE));
    }

    static Signals install(RunHandle run, Duration grace, PrintStream err) {
        return new Signals(run, grace, err);
    }

    /** The exit code of a run that ended interrupted: 143 after SIGTERM, else 130. */
    synchronized int exitCode() {
        return cause == null ? ExitCode.INTERRUPTED : cause.exitCode;
    }

    private synchronized void received(Cause signal) {
        if (cause == null) {
            cause = signal;
            if (signal == Cause.INTERRUPT) {
                cancel("interrupted by the user (Ctrl-C)",
                        "\nslotflow: interrupting — cancelling the running sessions (Ctrl-C again to quit now)");
            } else {
                String shown = Show.duration(grace);
                err.println("\nslotflow: SIGTERM — no new sessions; the running ones have " + shown
                        + " to finish (a second signal cancels them now)");
                run.drain("stopped by SIGTERM: no new sessions, the running ones had " + shown + " to finish");
                graceTimer.schedule(this::graceOver, grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (!cancelled) {
            cancel("a second signal during the stop", "\nslotflow: cancelling the running sessions (once more to quit now)");
        } else {
            Runtime.getRuntime().halt(cause.exitCode);
        }
    }

    private synchronized void graceOver() {
        if (!cancelled) {
            cancel("the stop's grace of " + Show.duration(grace) + " ended",
                    "slotflow: the stop's grace ended — cancelling the sessions still running");
        }
    }

    private void cancel(String reason, String message) {
        cancelled = true;
        err.println(message);
        run.interrupt(reason);
    }

    @Override
    public void close() {
        graceTimer.shutdownNow();
        Signal.handle(interrupt, previousInterrupt);
        Signal.handle(terminate, previousTerminate);
    }
}
