package io.slotflow.engine.runner;

import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.plan.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The built-in runner: runs a node's command as a real process, on Linux.
 *
 * <ul>
 *   <li>{@code /bin/sh -c COMMAND}, the command as one argument — plan values and ids reach the
 *       process only as environment variables, never spliced into shell text;</li>
 *   <li>in a session of its own ({@code setsid}), so a Ctrl-C at the terminal reaches the engine,
 *       which cancels sessions itself, and not the sessions;</li>
 *   <li>working directory: the plan's directory resolved with the command's {@code workdir};
 *       environment: the engine's without Slotflow's own variables (its journal credentials among
 *       them, see {@link SessionEnvironment}), the plan's {@code env}, then the {@code SLOTFLOW_*}
 *       variables; standard input empty (end of file);</li>
 *   <li>standard output and error written straight to {@code <node>.attempt-<n>.out} and
 *       {@code .err} in the run's log directory, byte for byte, owner-only (0600, in 0700
 *       directories); any output is a heartbeat;</li>
 *   <li>its processes held together by a cgroup of its own where the engine may make one, else
 *       found by a scan of {@code /proc} (see {@link Containment}; {@link #containment()} says
 *       which is in force);</li>
 *   <li>the outcome comes from the shell's own exit: exit 0 is SUCCEEDED, exit
 *       {@value #NOOP_EXIT_CODE} NOOP, anything else FAILED. Whatever the shell leaves behind is
 *       stopped (TERM, the grace, KILL) before the outcome is reported, and nothing waits for an
 *       orphan to close the output;</li>
 *   <li>{@link SessionHandle#cancel()} stops every process of the session: TERM, the grace, then
 *       KILL until none is left; the result completes only then;</li>
 *   <li>if the engine's JVM dies ({@code kill -9}), a watchdog process kills its sessions within
 *       about two seconds, and once past a deadline the engine sets ({@link #runUntil}) it kills
 *       them even while the JVM lives on, frozen (see {@link Watchdog}).</li>
 * </ul>
 */
public final class ProcessRunner implements SessionRunner {

    /** The exit code that means "the session found nothing to do". */
    public static final int NOOP_EXIT_CODE = 99;

    static final String TOKEN_VARIABLE = "SLOTFLOW_SESSION_TOKEN";
    /** After KILL, how long before a session that is still not gone is reported in the log. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private final Duration grace;
    private final Duration patience;
    private final Containment containment;
    private final Map<String, String> inherited;
    /** One per JVM, shared by every runner: it watches the JVM, so one is enough however many engines run. */
    private static final Watchdog WATCHDOG = new Watchdog();
    /** Threads that wait for sessions to end and stop what they left; they may block for the grace and more. */
    private static final ExecutorService REAPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slotflow-session-reaper");
        t.setDaemon(true);
        return t;
    });

    public ProcessRunner() {
        this(Duration.ofMillis(500));
    }

    /** @param grace between TERM and KILL when a session is stopped */
    public ProcessRunner(Duration grace) {
        this(grace, KILL_PATIENCE, Detected.CONTAINMENT, System.getenv());
    }

    /** @param inherited the environment sessions start from (Slotflow's own variables are left out of it) */
    ProcessRunner(Duration grace, Map<String, String> inherited) {
        this(grace, KILL_PATIENCE, Detected.CONTAINMENT, inherited);
    }

    ProcessRunner(Duration grace, Duration patience, Containment containment) {
        this(grace, patience, containment, System.getenv());
    }

    /**
     * @param patience after KILL, how long before processes still alive are reported in the log
     *     (the runner keeps killing them, and the session is not reported ended until they are gone)
     * @param containment how sessions are held together
     */
    private ProcessRunner(Duration grace, Duration patience, Containment containment, Map<String, String> inherited) {
        this.grace = grace;
        this.patience = patience;
        this.containment = containment;
        this.inherited = Map.copyOf(inherited);
    }

    /**
     * How sessions are contained on this machine, one line: a cgroup per session (and where), or
     * the scan of {@code /proc} and why no cgroup is used. Detected once per JVM.
     */
    public static String containment() {
        return Detected.CONTAINMENT.describe();
    }

    /** The containment detected for this JVM. */
    static Containment detected() {
        return Detected.CONTAINMENT;
    }

    /** Detection runs once, the first time it is needed. */
    private static final class Detected {
        static final Containment CONTAINMENT = Containment.detect();
    }

    @Override
    public SessionHandle start(SessionRequest request) throws IOException {
        Command command = request.node().command();
        if (command.line().isBlank()) {
            throw new IOException("node " + request.node().id() + " has no command: it carries a payload for an "
                    + "in-process runner (see docs/embedding.md)");
        }
        Path workdir = workdir(request.planDirectory(), command.workdir());
        if (!Files.isDirectory(workdir)) {
            throw new IOException("working directory " + workdir + " does not exist");
        }
        OwnerOnly.createDirectories(request.logDirectory());
        String base = SessionRequest.logFileBase(request.node(), request.attempt());
        Path out = request.logDirectory().resolve(base + ".out");
        Path err = request.logDirectory().resolve(base + ".err");
        // created owner-only before the process opens them: they hold whatever the session prints
        OwnerOnly.restrictFile(out);
        OwnerOnly.restrictFile(err);

        String token = UUID.randomUUID().toString();
        Containment.Session contained = containment.prepare(token);
        ProcessBuilder builder = new ProcessBuilder(contained.command(command.line()));
        Map<String, String> slotflow = new HashMap<>(request.environment());
        slotflow.put("SLOTFLOW_NOOP_EXIT", Integer.toString(NOOP_EXIT_CODE));
        slotflow.put(TOKEN_VARIABLE, token);
        slotflow.put(Watchdog.TOKEN_VARIABLE, WATCHDOG.token());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(SessionEnvironment.of(inherited, command.env(), slotflow));
        builder.directory(workdir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process;
        try {
            WATCHDOG.ensureStarted(Detected.CONTAINMENT.cgroup());
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            contained.abandon();
            throw e;
        }
        return new Running(process, contained.started(process), out, err, request.heartbeat());
    }

    /** The watchdog, outside the JVM, kills every session once the deadline is past (see {@link Watchdog}). */
    @Override
    public void runUntil(java.time.Instant deadline) {
        WATCHDOG.runUntil(deadline.toEpochMilli());
        WATCHDOG.ensureStarted(Detected.CONTAINMENT.cgroup());
    }

    private static Path workdir(Path planDirectory, String workdir) {
        return workdir == null ? planDirectory : planDirectory.resolve(workdir).normalize();
    }

    private final class Running implements SessionHandle {
        private final Process process;
        private final SessionProcesses processes;
        private final OutputWatch output;
        private final CompletableFuture<SessionResult> result = new CompletableFuture<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Running(Process process, SessionProcesses processes, Path out, Path err, Runnable heartbeat) {
            this.process = process;
            this.processes = processes;
            this.output = OutputWatch.start(heartbeat, out, err);
            process.onExit().thenRunAsync(this::ended, REAPERS);
        }

        /**
         * After the shell exits: stop what it left behind, and report its exit once nothing of the
         * session is alive. The output is already in the log files: nothing to wait for.
         */
        private void ended() {
            try {
                processes.stop(grace, patience);
                processes.release();
            } finally {
                output.stop();
                int exit = process.exitValue();
                if (exit == 0) {
                    result.complete(new SessionResult(SessionOutcome.SUCCEEDED, exit, ""));
                } else if (exit == NOOP_EXIT_CODE) {
                    result.complete(new SessionResult(SessionOutcome.NOOP, exit, "nothing to do"));
                } else {
                    result.complete(new SessionResult(SessionOutcome.FAILED, exit,
                            "exit " + exit + (exit == 127 ? " (command not found)" : "")));
                }
            }
        }

        @Override
        public CompletionStage<SessionResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true) && !result.isDone()) {
                REAPERS.execute(() -> processes.stop(grace, patience));
            }
        }

        @Override
        public long pid() {
            return process.pid();
        }
    }
}
