package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.engine.runner.Processes;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.plan.PlanParser;
import io.slotflow.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions that misbehave each end with the right outcome, free their slot, and leave no process
 * behind — with a cgroup per session, not even one that left its session, lost its parent and
 * cleared its environment.
 */
class MisbehavingSessionsTest {

    @TempDir
    Path dir;

    @Test
    void everyMisbehavingSessionEndsRightAndLeavesNothingBehind() throws Exception {
        Path escapee = dir.resolve("escapee");
        String plan = """
                run: {slots: 3}
                classes:
                  implementation: {max-attempts: 1}
                  stuck: {rank: 0, timeout: 1s, max-attempts: 1}
                  quick: {rank: 0, timeout: 5s, max-attempts: 1}
                specs:
                  - {id: not-found, command: no-such-command-anywhere, writes: [a]}
                  - {id: exits-at-once, command: exit 0, writes: [b]}
                  - {id: megabytes, command: head -c 30000000 /dev/zero, writes: [c]}
                  - {id: reads-stdin, command: cat, writes: [d]}
                  - {id: not-utf8, command: "printf '\\\\377\\\\376\\\\351'; printf '\\\\200' >&2", writes: [e]}
                  - {id: ignores-term, class: stuck, command: "trap '' TERM; while true; do sleep 1; done", writes: [f]}
                  - {id: grandchildren, class: stuck, command: "sh -c 'sh -c \\"sleep 30\\" & sleep 30' & sleep 30", writes: [g]}
                  - {id: own-group, class: stuck, command: "setsid sleep 30 & (set -m; sleep 30 &) ; sleep 30", writes: [h]}
                  - id: escapee
                    class: quick
                    writes: [i]
                    command: >-
                      setsid sh -c '(env -i sh -c "echo \\$\\$ > ESCAPEE; exec sleep 1000" &)';
                      while [ ! -s ESCAPEE ]; do sleep 0.05; done; sleep 1; exit 0
                """.replace("ESCAPEE", escapee.toString());
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir).withKillGrace(Duration.ofMillis(300)),
                new ProcessRunner(Duration.ofMillis(300)))) {
            RunResult result = engine.run(PlanParser.parse(plan, "misbehaving.yaml"), new RunOptions("bad", dir))
                    .result().toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);

            List<RunEvent> journal = engine.journal().events("bad");
            Map<String, String> ended = new HashMap<>();
            journal.stream().filter(e -> e instanceof SessionFinished).map(e -> (SessionFinished) e)
                    .forEach(f -> ended.put(f.node(), f.outcome() + (f.detail().isEmpty() ? "" : " " + f.detail())));
            assertThat(ended).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "not-found:0", "FAILED exit 127 (command not found)",
                    "exits-at-once:0", "SUCCEEDED",
                    "megabytes:0", "SUCCEEDED",
                    "reads-stdin:0", "SUCCEEDED",
                    "not-utf8:0", "SUCCEEDED",
                    "ignores-term:0", "TIMED_OUT ran past its timeout of 1s",
                    "grandchildren:0", "TIMED_OUT ran past its timeout of 1s",
                    "own-group:0", "TIMED_OUT ran past its timeout of 1s",
                    "escapee:0", "SUCCEEDED"));
            assertThat(Files.size(dir.resolve("runs/bad/logs/megabytes:0.attempt-1.out"))).isEqualTo(30_000_000);
            assertThat(Files.readAllBytes(dir.resolve("runs/bad/logs/not-utf8:0.attempt-1.out")))
                    .containsExactly(0xFF, 0xFE, 0xE9);
            assertThat(new Verifier().check(journal)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> processesOfRun("bad") == 0);
            long escaped = Long.parseLong(Files.readString(escapee).trim());
            if (ProcessRunner.containment().startsWith("a cgroup")) {
                assertThat(Processes.alive(escaped)).as("the escapee, " + escaped).isFalse();
            } else {
                ProcessHandle.of(escaped).ifPresent(ProcessHandle::destroyForcibly); // the scan cannot find it
            }
        }
    }

    /** Live processes whose environment says they belong to this run. */
    static int processesOfRun(String runId) throws IOException {
        byte[] marker = ("SLOTFLOW_RUN=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        int count = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    byte[] env = Files.readAllBytes(proc.resolve("environ"));
                    if (!stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z") && indexOf(env, marker) >= 0) {
                        count++;
                    }
                } catch (IOException gone) {
                    // ended meanwhile, or not readable
                }
            }
        }
        return count;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
