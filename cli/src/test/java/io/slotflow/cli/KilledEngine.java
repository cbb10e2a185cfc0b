package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code slotflow run} in a child JVM, killed with SIGKILL after a number of session starts: the crash and scale trials' engine. */
final class KilledEngine {

    /** A child engine's heap: twice what the 20,000-spec scale trial keeps live. */
    private static final String HEAP = System.getProperty("slotflow.crashTrials.heap", "512m");

    /** The last lines a child printed, to say why it ended early. */
    private final List<String> lastOutput = new ArrayList<>();

    List<String> lastOutput() {
        return List.copyOf(lastOutput);
    }

    /** Starts slotflow in a child JVM and kills it with SIGKILL after it started this many sessions; false if it ended first. */
    boolean runAndKill(Path plan, String runId, List<String> journal, int afterStarts)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(childJava());
        command.addAll(List.of("run", plan.toString(), "--run-id", runId, "--view", "lines"));
        command.addAll(journal);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process child = builder.start();
        int started = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            lastOutput.clear();
            while (started < afterStarts && (line = out.readLine()) != null) {
                started += line.matches("\\d\\d:\\d\\d:\\d\\d start .*") ? 1 : 0;
                lastOutput.add(line);
                if (lastOutput.size() > 20) {
                    lastOutput.remove(0);
                }
            }
            if (started < afterStarts) {
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return false;
            }
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return true;
        }
    }

    /**
     * The JVM a child engine runs in. The C1 compiler alone starts it faster, and the trial is the
     * same. The heap is bounded: an engine's live memory grows with the plan's specs (about 10 KB
     * each: 194 MB at 20,000), never with the sessions run, so a leak per session fails the scale
     * trials with an OutOfMemoryError instead of only taking gigabytes of a machine.
     */
    static List<String> childJava() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + HEAP,
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    /** The killed engine's watchdog stops its sessions; wait for that before resuming. */
    static void awaitNoSessionOf(String runId) {
        byte[] marker = ("SLOTFLOW_RUN=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    try {
                        if (contains(Files.readAllBytes(proc.resolve("environ")), marker)) {
                            return false;
                        }
                    } catch (IOException gone) {
                        // the process ended, or is not ours to read
                    }
                }
            }
            return true;
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
