package io.slotflow.engine.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outlives the engine to clean up after it: a small shell process, started with the first session,
 * that waits for the engine's JVM to exit — normally or by {@code kill -9} — and then kills every
 * process still in the engine's sessions' cgroups (where sessions have cgroups, see {@link
 * Containment}) or carrying the engine's token in its environment: TERM, a second, KILL; then it
 * removes the cgroups. A session never runs on unsupervised after its engine died; when the run
 * resumes, its sessions are recorded LOST and run again without a twin still at work.
 */
final class Watchdog {

    static final String TOKEN_VARIABLE = "SLOTFLOW_ENGINE_TOKEN";

    private static final String SCRIPT = """
            engine=$1; token=$2; cgroup=$3
            while kill -0 "$engine" 2>/dev/null; do sleep 0.5; done
            sweep() {
              for f in /proc/[0-9]*/environ; do
                if grep -qaz "^SLOTFLOW_ENGINE_TOKEN=$token\\$" "$f" 2>/dev/null; then p=${f#/proc/}; echo "${p%/environ}"; fi
              done
              [ -n "$cgroup" ] && cat "$cgroup"/*/cgroup.procs "$cgroup"/*/*/cgroup.procs 2>/dev/null
            }
            pids=$(sweep); [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
            sleep 1
            [ -n "$cgroup" ] && echo 1 > "$cgroup/cgroup.kill" 2>/dev/null
            pids=$(sweep); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
            if [ -n "$cgroup" ]; then
              for i in 1 2 3 4 5 6 7 8 9 10; do
                grep -q "populated 1" "$cgroup/cgroup.events" 2>/dev/null || break
                pids=$(sweep); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
                sleep 0.5
              done
              rmdir "$cgroup"/*/*/ "$cgroup"/*/ "$cgroup" 2>/dev/null
            fi
            exit 0
            """;

    private final String token = UUID.randomUUID().toString();
    private volatile boolean started;

    /** The value sessions carry in {@link #TOKEN_VARIABLE}. */
    String token() {
        return token;
    }

    /**
     * Starts the watchdog once; later calls do nothing.
     *
     * @param cgroup the cgroup that holds the sessions' cgroups, where sessions have cgroups
     */
    synchronized void ensureStarted(Optional<Path> cgroup) {
        if (started) {
            return;
        }
        try {
            List<String> command = new ArrayList<>(Containment.shell(SCRIPT));
            command.addAll(List.of("slotflow-watchdog", Long.toString(ProcessHandle.current().pid()), token,
                    cgroup.map(Path::toString).orElse("")));
            ProcessBuilder builder = new ProcessBuilder(command);
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
