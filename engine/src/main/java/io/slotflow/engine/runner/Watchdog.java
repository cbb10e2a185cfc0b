package io.slotflow.engine.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 *
 * <p>It also enforces a deadline the engine sets and moves ({@link #runUntil}): a cluster member's
 * session host may run sessions only while its lease holds, and a JVM that is frozen (SIGSTOP, a long
 * pause) cannot stop them itself. Once the deadline is past, the watchdog kills every session at once,
 * and any that appears later, until the deadline moves again.
 */
final class Watchdog {

    static final String TOKEN_VARIABLE = "SLOTFLOW_ENGINE_TOKEN";

    private static final String SCRIPT = """
            engine=$1; token=$2; cgroup=$3; deadline=$4
            sweep() {
              for f in /proc/[0-9]*/environ; do
                if grep -qaz "^SLOTFLOW_ENGINE_TOKEN=$token\\$" "$f" 2>/dev/null; then p=${f#/proc/}; echo "${p%/environ}"; fi
              done
              [ -n "$cgroup" ] && cat "$cgroup"/*/cgroup.procs "$cgroup"/*/*/cgroup.procs 2>/dev/null
            }
            while kill -0 "$engine" 2>/dev/null; do
              until=$(cat "$deadline" 2>/dev/null)
              if [ -n "$until" ] && [ "$until" -gt 0 ] && [ "$(date +%s%3N)" -gt "$until" ]; then
                [ -n "$cgroup" ] && echo 1 > "$cgroup/cgroup.kill" 2>/dev/null
                pids=$(sweep); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
              fi
              sleep 0.5
            done
            rm -f "$deadline"; rmdir "${deadline%/*}" 2>/dev/null
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
    private Path deadline;

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
                    cgroup.map(Path::toString).orElse(""), deadlineFile().toString()));
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

    /**
     * Sessions may run until {@code epochMillis} (wall clock), and are killed after it unless it moves;
     * 0: no deadline. Written whole (a new file renamed over the old), so the watchdog reads one value.
     */
    synchronized void runUntil(long epochMillis) {
        try {
            Path file = deadlineFile();
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, Long.toString(epochMillis));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give the session watchdog its deadline", e);
        }
    }

    private synchronized Path deadlineFile() throws IOException {
        if (deadline == null) {
            Path dir = Files.createTempDirectory("slotflow-watchdog", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            deadline = dir.resolve("deadline");
            Files.writeString(deadline, "0");
        }
        return deadline;
    }
}
