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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: outcomes, environment, logs, and killing every process of a session, with the
 * containment in force here (a cgroup per session where the engine may make one);
 * {@link ProcessRunnerScanTest} runs the same with the fallback scan of /proc.
 */
class ProcessRunnerTest {

    @TempDir
    Path dir;

    private final List<Long> pidsToReap = new ArrayList<>();
    private final ProcessRunner runner = runner(Duration.ofMillis(500), Duration.ofSeconds(10));

    /** How the sessions of this test are contained. */
    Containment containment() {
        return ProcessRunner.detected();
    }

    private ProcessRunner runner(Duration grace, Duration patience) {
        return new ProcessRunner(grace, patience, containment());
    }

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
        // KILL follows TERM after the one-second grace; the bound leaves a loaded machine room, and
        // still fails a runner that waits for the trapped child instead of killing it
        assertThat(took).isLessThan(Duration.ofSeconds(10));
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

    @Test
    void sessionsGetACgroupOfTheirOwnWhereTheEngineMayMakeOne() {
        Processes.assumeSessionsInCgroups();
        assertThat(ProcessRunner.containment()).matches("a cgroup v2 per session, in /.+/slotflow-\\d+-[0-9a-f]{8}");
    }

    @Test
    void aSessionIgnoringTermIsKilledAfterAGraceLongerThanThePatienceAndReportedOnlyOnceGone() throws Exception {
        ProcessRunner patient = runner(Duration.ofMillis(1500), Duration.ofMillis(300));
        Path pids = dir.resolve("pids");
        SessionHandle handle = patient.start(request(
                "trap '' TERM; sleep 1000 & echo $! >> " + pids + "; echo $$ >> " + pids + "; wait", Map.of(), null, null));
        List<Long> family = awaitPids(pids, 2, handle);
        CompletableFuture<List<Long>> aliveWhenReported = handle.result().toCompletableFuture()
                .thenApply(result -> family.stream().filter(Processes::alive).toList());
        long start = System.nanoTime();
        handle.cancel();
        assertThat(aliveWhenReported.get(30, TimeUnit.SECONDS)).as("alive when the session was reported ended").isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("TERM, the grace of 1.5 s, then KILL").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(run(handle).exitCode()).as("killed by KILL").isEqualTo(128 + 9);
    }

    @Test
    void aShellThatExitsLeavingAChildThatIgnoresTermIsReportedOnlyOnceTheChildIsKilled() throws Exception {
        ProcessRunner patient = runner(Duration.ofMillis(1000), Duration.ofMillis(300));
        Path pids = dir.resolve("pids");
        long start = System.nanoTime();
        SessionHandle handle = patient.start(request(
                "sh -c 'trap \"\" TERM; echo $$ >> " + pids + "; while true; do sleep 1; done' & "
                        + "while [ ! -s " + pids + " ]; do sleep 0.05; done; exit 0", Map.of(), null, null));
        CompletableFuture<Boolean> childAliveWhenReported = handle.result().toCompletableFuture()
                .thenApply(result -> readPidsQuietly(pids).stream().anyMatch(Processes::alive));
        assertThat(childAliveWhenReported.get(30, TimeUnit.SECONDS)).as("child alive when reported").isFalse();
        pidsToReap.addAll(readPids(pids));
        assertThat(run(handle)).isEqualTo(new SessionResult(SessionOutcome.SUCCEEDED, 0, ""));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    /**
     * A grandchild that leaves the session's Unix session, is orphaned by a double fork, clears its
     * environment (so no token) and keeps the session's output open: the session's outcome comes
     * from its own exit, at once (before, it waited 30 s for the end of the output); in a cgroup
     * the escapee is killed before that outcome is reported, with the scan it is still alive then.
     */
    @Test
    void anEscapeeHoldingTheOutputDoesNotDelayTheOutcomeAndInACgroupDoesNotOutliveTheSession() throws Exception {
        Path escapee = dir.resolve("escapee");
        long start = System.nanoTime();
        SessionHandle handle = runner.start(request("echo started; "
                + "setsid sh -c '(env -i sh -c \"echo \\$\\$ > " + escapee + "; echo escaped; exec sleep 1000\" &)'; "
                + "while [ ! -s " + escapee + " ]; do sleep 0.05; done; sleep 0.3; exit 0", Map.of(), null, null));
        CompletableFuture<Boolean> escapeeAliveWhenReported = handle.result().toCompletableFuture()
                .thenApply(result -> readPidsQuietly(escapee).stream().anyMatch(Processes::alive));
        boolean aliveWhenReported = escapeeAliveWhenReported.get(20, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long pid = readPids(escapee).get(0);
        pidsToReap.add(pid);

        assertThat(run(handle)).isEqualTo(new SessionResult(SessionOutcome.SUCCEEDED, 0, ""));
        assertThat(took).as("from the start to the outcome of a session of about 0.5 s").isLessThan(Duration.ofSeconds(10));
        assertThat(Files.readString(dir.resolve("logs/91:0.attempt-2.out"))).isEqualTo("started\nescaped\n");
        if (containment() instanceof CgroupContainment) {
            assertThat(aliveWhenReported).as("escapee " + pid + " alive when the session was reported").isFalse();
            assertThat(Processes.alive(pid)).isFalse();
        } else {
            // what the scan cannot do: the escapee is none of the shell's descendants, session or token
            // carriers; and the outcome did not wait for it to close the output
            assertThat(aliveWhenReported).as("escapee " + pid + " alive when the session was reported").isTrue();
        }
    }

    /** Waits (bounded) until the session wrote {@code count} pids. */
    private List<Long> awaitPids(Path file, int count, SessionHandle handle) throws Exception {
        List<Long> pids = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file) ? readPids(file) : List.<Long>of(), p -> p.size() >= count);
        pidsToReap.addAll(pids);
        assertThat(handle.result().toCompletableFuture().isDone()).as("session still running").isFalse();
        return pids;
    }

    private static List<Long> readPidsQuietly(Path file) {
        try {
            return readPids(file);
        } catch (Exception e) {
            return List.of();
        }
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
