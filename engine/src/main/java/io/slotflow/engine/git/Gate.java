package io.slotflow.engine.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The plan's gate command, run with {@code /bin/sh -c} in a worktree with its output in a log file;
 * stoppable from another thread (its whole process tree is killed).
 */
final class Gate {

    private final String line;
    private final AtomicReference<Process> running = new AtomicReference<>();
    private volatile boolean stopped;

    Gate(String line) {
        this.line = line;
    }

    /** The gate's exit code; -1 when it was stopped or could not start (the log says why). */
    int run(Path directory, Map<String, String> environment, Path log) {
        if (stopped) {
            return -1;
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", line)).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            running.set(process);
            if (stopped) {
                stop();
            }
            return process.waitFor();
        } catch (IOException e) {
            try {
                java.nio.file.Files.writeString(log, "the gate could not start: " + e.getMessage() + "\n");
            } catch (IOException ignored) {
                // the exit code says it failed
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            running.set(null);
        }
    }

    /** Kills a running gate and every process it started; later runs do not start. */
    void stop() {
        stopped = true;
        Process process = running.get();
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
