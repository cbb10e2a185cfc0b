package io.slotflow.engine.runner;

import io.slotflow.event.SessionOutcome;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.plan.Command;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 *   <li>standard output and error copied byte for byte to {@code <node>.attempt-<n>.out} and
 *       {@code .err} in the run's log directory, owner-only (0600, in 0700 directories); any
 *       output is a heartbeat;</li>
 *   <li>exit 0 is SUCCEEDED, exit {@value #NOOP_EXIT_CODE} NOOP, anything else FAILED;</li>
 *   <li>{@link SessionHandle#cancel()} kills the whole process tree (TERM, a grace period, KILL),
 *       and a session that exits leaves nothing behind: its stray children are killed too;</li>
 *   <li>if the engine's JVM dies ({@code kill -9}), a watchdog process kills its sessions within
 *       about two seconds (see {@link Watchdog}).</li>
 * </ul>
 */
public final class ProcessRunner implements SessionRunner {

    /** The exit code that means "the session found nothing to do". */
    public static final int NOOP_EXIT_CODE = 99;

    static final String TOKEN_VARIABLE = "SLOTFLOW_SESSION_TOKEN";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private final Duration grace;
    private final Map<String, String> inherited;
    /** One per JVM, shared by every runner: it watches the JVM, so one is enough however many engines run. */
    private static final Watchdog WATCHDOG = new Watchdog();

    public ProcessRunner() {
        this(Duration.ofMillis(500));
    }

    /** @param grace between TERM and KILL when a session is stopped */
    public ProcessRunner(Duration grace) {
        this(grace, System.getenv());
    }

    /** @param inherited the environment sessions start from (Slotflow's own variables are left out of it) */
    ProcessRunner(Duration grace, Map<String, String> inherited) {
        this.grace = grace;
        this.inherited = Map.copyOf(inherited);
    }

    @Override
    public SessionHandle start(SessionRequest request) throws IOException {
        Command command = request.node().command();
        Path workdir = workdir(request.planDirectory(), command.workdir());
        if (!Files.isDirectory(workdir)) {
            throw new IOException("working directory " + workdir + " does not exist");
        }
        OwnerOnly.createDirectories(request.logDirectory());
        String base = request.node().id() + ".attempt-" + request.attempt();
        Path out = request.logDirectory().resolve(base + ".out");
        Path err = request.logDirectory().resolve(base + ".err");

        ProcessBuilder builder = Files.isExecutable(SETSID)
                ? new ProcessBuilder(SETSID.toString(), "/bin/sh", "-c", command.line())
                : new ProcessBuilder("/bin/sh", "-c", command.line());
        String token = UUID.randomUUID().toString();
        Map<String, String> slotflow = new HashMap<>(request.environment());
        slotflow.put("SLOTFLOW_NOOP_EXIT", Integer.toString(NOOP_EXIT_CODE));
        slotflow.put(TOKEN_VARIABLE, token);
        slotflow.put(Watchdog.TOKEN_VARIABLE, WATCHDOG.token());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(SessionEnvironment.of(inherited, command.env(), slotflow));
        WATCHDOG.ensureStarted(SETSID);
        builder.directory(workdir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        return new Running(process, new ProcessTree(process.pid(), token), out, err, request.heartbeat());
    }

    private static Path workdir(Path planDirectory, String workdir) {
        return workdir == null ? planDirectory : planDirectory.resolve(workdir).normalize();
    }

    private final class Running implements SessionHandle {
        private final Process process;
        private final ProcessTree tree;
        private final CompletableFuture<SessionResult> result = new CompletableFuture<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final Thread stdout;
        private final Thread stderr;

        Running(Process process, ProcessTree tree, Path out, Path err, Runnable heartbeat) {
            this.process = process;
            this.tree = tree;
            this.stdout = copier(process.getInputStream(), out, heartbeat, "out");
            this.stderr = copier(process.getErrorStream(), err, heartbeat, "err");
            process.onExit().thenRunAsync(this::ended);
        }

        private Thread copier(InputStream from, Path to, Runnable heartbeat, String which) {
            Thread t = new Thread(() -> copy(from, to, heartbeat), "session-" + process.pid() + "-" + which);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** After the shell exits: kill what it left behind, let the logs drain, then report. */
        private void ended() {
            tree.kill(grace, KILL_PATIENCE);
            join(stdout);
            join(stderr);
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

        @Override
        public CompletionStage<SessionResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true) && !result.isDone()) {
                Thread killer = new Thread(() -> tree.kill(grace, KILL_PATIENCE), "kill-" + process.pid());
                killer.setDaemon(true);
                killer.start();
            }
        }

        @Override
        public long pid() {
            return process.pid();
        }
    }

    private static void copy(InputStream from, Path to, Runnable heartbeat) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from; OutputStream out = OwnerOnly.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                heartbeat.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session log " + to, e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
