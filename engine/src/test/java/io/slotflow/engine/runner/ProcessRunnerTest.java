package io.slotflow.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: outcomes, environment, logs, and killing whole process trees. */
class ProcessRunnerTest {

    @TempDir
    Path dir;

    private final List<Long> pidsToReap = new ArrayList<>();
    private final ProcessRunner runner = new ProcessRunner(Duration.ofMillis(500));

    @AfterEach
    void leaveNothingBehind() {
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private SessionRequest request(String line, Map<String, String> env, String workdir, Runnable heartbeat) {
        NodeDef node = new NodeDef("91:0", NodeKind.GROUP, "91", "implementation", Footprint.catchAll(),
                new Command(line, workdir, env), Duration.ofMinutes(1), null, List.of(), List.of(), List.of(), false);
        return new SessionRequest("run-1", node, 2, "implementation", dir, dir.resolve("logs"),
                SessionRequest.environmentFor("run-1", node, 2), heartbeat);
    }

    private SessionResult run(String line) throws Exception {
        return run(runner.start(request(line, Map.of(), null, null)));
    }

    private static SessionResult run(SessionHandle handle) throws Exception {
        return handle.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyRunnerInAJvmSharesOneWatchdog() throws Exception {
        run(runner.start(request("exit 0", Map.of(), null, null)));
        run(new ProcessRunner().start(request("exit 0", Map.of(), null, null)));
        String self = Long.toString(ProcessHandle.current().pid());
        long watchdogs = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains("slotflow-watchdog") && List.of(args).contains(self)).orElse(false))
                .count();
        assertThat(watchdogs).isEqualTo(1);
    }

    @Test
    void exitCodesBecomeOutcomes() throws Exception {
        assertThat(run("exit 0")).isEqualTo(new SessionResult(SessionOutcome.SUCCEEDED, 0, ""));
        assertThat(run("exit 3")).isEqualTo(new SessionResult(SessionOutcome.FAILED, 3, "exit 3"));
        assertThat(run("exit $SLOTFLOW_NOOP_EXIT")).isEqualTo(new SessionResult(SessionOutcome.NOOP, 99, "nothing to do"));
        assertThat(run("no-such-command-anywhere")).isEqualTo(
                new SessionResult(SessionOutcome.FAILED, 127, "exit 127 (command not found)"));
    }

    @Test
    void aMissingWorkdirFailsToStartWithAClearMessage() {
        assertThatThrownBy(() -> runner.start(request("true", Map.of(), "nowhere", null)))
                .hasMessage("working directory " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void planValuesArriveAsEnvironmentVariablesAndAreNeverExecuted() throws Exception {
        Path marker = dir.resolve("pwned");
        String hostile = "$(touch " + marker + "); rm -rf " + dir + "/logs";
        SessionHandle handle = runner.start(request(
                "printf '%s|%s|%s|%s|%s|%s' \"$SLOTFLOW_RUN\" \"$SLOTFLOW_SPEC\" \"$SLOTFLOW_NODE\" \"$SLOTFLOW_ATTEMPT\" "
                        + "\"$SLOTFLOW_CLASS\" \"$HOSTILE\"", Map.of("HOSTILE", hostile), null, null));
        assertThat(run(handle).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("logs/91:0.attempt-2.out")))
                .isEqualTo("run-1|91|91:0|2|implementation|" + hostile);
        assertThat(marker).doesNotExist();
    }

    @Test
    void slotflowsOwnVariablesNeverReachASessionAndItsLogsAreOwnerOnly() throws Exception {
        Map<String, String> engine = new HashMap<>(System.getenv());
        engine.put("SLOTFLOW_JOURNAL_USER", "flow-user");
        engine.put("SLOTFLOW_JOURNAL_PASSWORD", "hunter2");
        engine.put("AGENT_TOKEN", "kept");
        ProcessRunner withSecrets = new ProcessRunner(Duration.ofMillis(500), engine);
        SessionHandle handle = withSecrets.start(request("env", Map.of("FROM_PLAN", "yes"), null, null));
        assertThat(run(handle).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        Path log = dir.resolve("logs/91:0.attempt-2.out");
        assertThat(Files.readString(log)).doesNotContain("hunter2").doesNotContain("flow-user")
                .contains("AGENT_TOKEN=kept").contains("FROM_PLAN=yes").contains("SLOTFLOW_NODE=91:0")
                .contains("PATH=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs/91:0.attempt-2.err"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs"))))
                .isEqualTo("rwx------");
    }

    @Test
    void outputGoesToPerAttemptLogsByteForByteAndCountsAsHeartbeat() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        SessionHandle handle = runner.start(request(
                "printf 'caf\\351 \\377\\n'; echo oops >&2; head -c 20000000 /dev/zero", Map.of(), null,
                beats::incrementAndGet));
        assertThat(run(handle).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        byte[] out = Files.readAllBytes(dir.resolve("logs/91:0.attempt-2.out"));
        assertThat(out).hasSize(7 + 20_000_000);
        assertThat(out[3]).isEqualTo((byte) 0xE9);
        assertThat(out[5]).isEqualTo((byte) 0xFF);
        assertThat(Files.readString(dir.resolve("logs/91:0.attempt-2.err"))).isEqualTo("oops\n");
        assertThat(beats.get()).isPositive();
    }

    @Test
    void aSessionReadingStandardInputGetsEndOfFile() throws Exception {
        assertThat(run("cat; read line || exit 0; exit 5").outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
    }

    @Test
    void aChildThatIgnoresTermIsGoneWithinAboutASecondOfTheCancel() throws Exception {
        Path pids = dir.resolve("pids");
        SessionHandle handle = runner.start(request(
                "sh -c 'trap \"\" TERM; echo $$ >> " + pids + "; while true; do sleep 1; done' & "
                        + "echo $! >> " + pids + "; wait", Map.of(), null, null));
        List<Long> family = awaitPids(pids, 2, handle);
        long start = System.nanoTime();
        handle.cancel();
        run(handle);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertAllGone(family, handle.pid());
    }

    @Test
    void grandchildrenInTheirOwnProcessGroupOrSessionAreKilledToo() throws Exception {
        Path pids = dir.resolve("pids");
        SessionHandle handle = runner.start(request(
                "(set -m; sleep 1000 & echo $! >> " + pids + "; wait) & "
                        + "setsid sh -c 'echo $$ >> " + pids + "; sleep 1000' & "
                        + "sh -c 'sh -c \"echo \\$\\$ >> " + pids + "; sleep 1000\" &' ; wait", Map.of(), null, null));
        List<Long> family = awaitPids(pids, 3, handle);
        handle.cancel();
        run(handle);
        assertAllGone(family, handle.pid());
    }

    @Test
    void aShellThatExitsLeavesNoChildBehind() throws Exception {
        Path pids = dir.resolve("pids");
        SessionHandle handle = runner.start(request("sleep 1000 & echo $! >> " + pids + "; exit 0", Map.of(), null, null));
        assertThat(run(handle).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertAllGone(readPids(pids), handle.pid());
    }

    /** Waits (bounded) until the session wrote {@code count} pids. */
    private List<Long> awaitPids(Path file, int count, SessionHandle handle) throws Exception {
        List<Long> pids = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file) ? readPids(file) : List.<Long>of(), p -> p.size() >= count);
        pidsToReap.addAll(pids);
        assertThat(handle.result().toCompletableFuture().isDone()).as("session still running").isFalse();
        return pids;
    }

    private static List<Long> readPids(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim())).toList();
    }

    /** Bounded wait until none of these processes is alive (killed processes may take a moment to be reaped). */
    private static void assertAllGone(List<Long> pids, long shell) {
        List<Long> all = new ArrayList<>(pids);
        all.add(shell);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(all).noneMatch(ProcessRunnerTest::alive));
    }

    private static boolean alive(long pid) {
        return Processes.alive(pid);
    }
}
