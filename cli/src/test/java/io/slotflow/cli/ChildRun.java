package io.slotflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code slotflow run …} in a child JVM, read line by line, so a test can act mid-run and kill it. */
final class ChildRun implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private ChildRun(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildRun start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ChildRun(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    /** Reads until this many sessions have started; false if the run ended first. */
    boolean awaitStarts(int starts) throws IOException {
        int started = 0;
        String line;
        while (started < starts && (line = out.readLine()) != null) {
            lines.add(line);
            started += line.matches("\\d\\d:\\d\\d:\\d\\d start .*") ? 1 : 0;
        }
        return started == starts;
    }

    /** SIGKILL: no shutdown hook, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM did not die");
        }
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
        out.close();
    }
}
