package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.engine.runner.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine killed with kill -9 leaves no session running: its watchdog kills them. */
class WatchdogTest {

    @TempDir
    Path dir;

    @Test
    void theSessionsOfAKilledEngineDieWithinSeconds() throws Exception {
        Path pids = dir.resolve("pids");
        Path plan = dir.resolve("forever.yaml");
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: 'echo $$ >> %1$s; sleep 1000 & echo $! >> %1$s; wait', writes: [a]}
                  - {id: b, command: 'echo $$ >> %1$s; sleep 1000 & echo $! >> %1$s; wait', writes: [b]}
                """.formatted(pids));
        crashAndExpectAllGone(plan, pids, 4);
    }

    /**
     * A grandchild that left its session's Unix session, lost its parent and cleared its
     * environment (so it carries no token) dies with the others: the watchdog kills the cgroups.
     */
    @Test
    void anEscapeeOfAKilledEngineDiesWithItsCgroup() throws Exception {
        Processes.assumeSessionsInCgroups();
        Path pids = dir.resolve("pids");
        Path plan = dir.resolve("forever.yaml");
        Files.writeString(plan, """
                run: {slots: 1}
                specs:
                  - id: a
                    command: >-
                      echo $$ >> %1$s; setsid sh -c '(env -i sh -c "echo \\$\\$ >> %1$s; exec sleep 1000" &)'; sleep 1000
                """.formatted(pids));
        long engine = crashAndExpectAllGone(plan, pids, 2);
        // and it removes the cgroups it made: slotflow-<engine pid>-… next to this JVM's
        Path cgroups = Path.of(ProcessRunner.containment().replaceFirst("^a cgroup v2 per session, in ", "")).getParent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var left = Files.newDirectoryStream(cgroups, "slotflow-" + engine + "-*")) {
                assertThat(left).isEmpty();
            }
        });
    }

    /** Starts an engine in a child JVM, kills it with kill -9 once its sessions wrote their pids; returns its pid. */
    private long crashAndExpectAllGone(Path plan, Path pids, int processes) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(),
                dir.resolve("state").toString(), "forever", plan.toString(), "process")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        List<Long> sessions = await().atMost(Duration.ofSeconds(60)).until(
                () -> Files.exists(pids) ? Files.readAllLines(pids).stream().map(Long::parseLong).toList() : List.<Long>of(),
                list -> list.size() == processes);
        try {
            assertThat(sessions).allMatch(Processes::alive);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions).noneMatch(Processes::alive));
            return child.pid();
        } finally {
            sessions.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
