package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.plan.PlanParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedding application learns of a full disk from the run handle: the engine stops the run at
 * once and fails its result with a {@link DiskFullException} naming the state directory — not
 * minutes of retries against a journal that cannot grow. Here a 2 MB tmpfs holds the state
 * directory and a session's output fills it. Needs root to mount the tmpfs; skipped otherwise.
 */
class FullDiskEngineTest {

    @TempDir
    Path dir;

    private Path disk;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): "
                + new String(mount.getInputStream().readAllBytes()).trim());
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskFailsTheRunHandleWithATypedFailure() throws Exception {
        Path state = disk.resolve("state");
        String plan = """
                run: {slots: 2}
                specs:
                  - {id: a, command: "head -c 3000000 /dev/zero; sleep 600", reads: [x]}
                  - {id: b, command: "true", reads: [x], depends-on: [a]}
                """;
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(500)))) {
            RunHandle run = engine.run(PlanParser.parse(plan, "fill.yaml"), new RunOptions("fill", dir));
            Throwable failure = catchThrowable(() -> run.result().toCompletableFuture().get(2, TimeUnit.MINUTES));
            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(DiskFullException.class)
                    .hasMessage("the disk holding " + state.toAbsolutePath().normalize() + " is full");
            assertThat(((DiskFullException) failure.getCause()).directory()).isEqualTo(state);
        }
    }
}
