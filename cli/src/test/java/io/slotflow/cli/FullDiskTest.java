package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up mid-run (here a 2 MB tmpfs holding the state directory, filled by a session's
 * output) stops the run at once with one line saying so, exit 3 — not minutes of retries against a
 * journal that cannot grow, each printing its stack trace. Needs root to mount the tmpfs; skipped
 * with a message otherwise.
 */
class FullDiskTest {

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
        // lazily: a killed session's last file handles may still be closing
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskStopsTheRunAtOnceAndSaysSo() throws Exception {
        Path plan = dir.resolve("fill.yaml");
        Files.writeString(plan, """
                run: {slots: 2}
                specs:
                  - {id: a, command: "head -c 3000000 /dev/zero; sleep 600", reads: [x]}
                  - {id: b, command: "true", reads: [x], depends-on: [a]}
                """);
        Path state = disk.resolve("state");
        Cli cli = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(3),
                () -> Cli.run("run", plan.toString(), "--state-dir", state.toString(), "--view", "lines"));
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.JOURNAL);
        assertThat(cli.err()).startsWith("slotflow: the disk holding " + state.toAbsolutePath() + " is full: the run was "
                + "stopped and its sessions killed; free some space, then resume with: slotflow run " + plan);
        assertThat(cli.err().lines()).hasSize(1);
    }
}
