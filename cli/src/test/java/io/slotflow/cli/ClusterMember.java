package io.slotflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code slotflow node} in a child JVM, for cluster tests: started, awaited, stopped or killed. */
final class ClusterMember {

    private final List<String> command;
    private final List<String> lines = new ArrayList<>();
    private Process process;

    ClusterMember(int port, List<Integer> seeds, int slots, String journalUrl, Path stateDir) {
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "node", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--seed-nodes", String.join(",", seeds.stream().map(p -> "127.0.0.1:" + p).toList()),
                "--slots", Integer.toString(slots), "--journal", journalUrl, "--state-dir", stateDir.toString()));
    }

    /** Starts the member and waits until it is up in the cluster. */
    ClusterMember start() throws IOException, InterruptedException {
        synchronized (lines) {
            lines.clear();
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException gone) {
                // the member ended
            }
        }, "member-output");
        reader.setDaemon(true);
        reader.start();
        awaitLine("member .* up", Duration.ofSeconds(90));
        return this;
    }

    private void awaitLine(String regex, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.stream().noneMatch(l -> l.matches(regex))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("member did not print '" + regex + "'; it printed:\n"
                            + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 500));
            }
        }
    }

    /** SIGKILL: the member vanishes without leaving. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM: the member leaves the cluster, handing its work over, and exits 0. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("member did not leave within 90 s:\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("member left with exit " + process.exitValue() + ":\n" + output());
        }
    }

    /** The member's JVM. */
    long pid() {
        return process.pid();
    }

    /** SIGSTOP: the whole JVM freezes, as in a long pause or a frozen VM; its sessions' processes do not. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen member wakes up, its timers overdue. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the member to end on its own; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("member did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    void killIfAlive() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
