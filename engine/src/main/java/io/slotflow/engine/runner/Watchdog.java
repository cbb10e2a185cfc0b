package io.slotflow.engine.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Outlives the engine to clean up after it: a small shell process, started with the first session,
 * that waits for the engine's JVM to exit — normally or by {@code kill -9} — and then kills every
 * process still carrying the engine's token in its environment (TERM, a second, KILL). A session
 * never runs on unsupervised after its engine died; when the run resumes, its sessions are
 * recorded LOST and run again without a twin still at work.
 */
final class Watchdog {

    static final String TOKEN_VARIABLE = "SLOTFLOW_ENGINE_TOKEN";

    private static final String SCRIPT = """
            engine=$1; token=$2
            while kill -0 "$engine" 2>/dev/null; do sleep 0.5; done
            sweep() {
              for f in /proc/[0-9]*/environ; do
                if grep -qaz "^SLOTFLOW_ENGINE_TOKEN=$token\\$" "$f" 2>/dev/null; then p=${f#/proc/}; echo "${p%/environ}"; fi
              done
            }
            pids=$(sweep); [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
            sleep 1
            pids=$(sweep); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
            exit 0
            """;

    private final String token = UUID.randomUUID().toString();
    private volatile boolean started;

    /** The value sessions carry in {@link #TOKEN_VARIABLE}. */
    String token() {
        return token;
    }

    /** Starts the watchdog once; later calls do nothing. */
    synchronized void ensureStarted(Path setsid) {
        if (started) {
            return;
        }
        try {
            ProcessBuilder builder = Files.isExecutable(setsid)
                    ? new ProcessBuilder(setsid.toString(), "/bin/sh", "-c", SCRIPT, "slotflow-watchdog",
                            Long.toString(ProcessHandle.current().pid()), token)
                    : new ProcessBuilder("/bin/sh", "-c", SCRIPT, "slotflow-watchdog",
                            Long.toString(ProcessHandle.current().pid()), token);
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove(TOKEN_VARIABLE);
            builder.start();
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the session watchdog", e);
        }
    }
}
