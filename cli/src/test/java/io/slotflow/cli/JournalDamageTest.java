package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-way whose H2 journal is then cut to half its size, or has 4 KB blocks of its
 * last three quarters overwritten: H2 opens such a file by rolling back to an older state without a
 * word (or fails to read it). Every command must refuse it — exit 5, one line naming the file — and
 * a resume must run nothing; the same journal undamaged resumes as usual.
 */
class JournalDamageTest {

    private static final List<String> READERS = List.of("runs", "replay", "status", "verify");

    @TempDir
    Path dir;

    private Path plan;
    private Path killed;

    @BeforeEach
    void killARunMidWay() throws Exception {
        plan = dir.resolve("steps.yaml");
        // 40 short sessions in a chain of specs, 2 at a time: many journal writes before the kill
        StringBuilder yaml = new StringBuilder("run: {slots: 2}\nspecs:\n");
        for (int i = 0; i < 40; i++) {
            yaml.append("  - {id: s").append(i).append(", command: 'sleep 0.2', writes: [w").append(i).append("]")
                    .append(i >= 2 ? ", depends-on: [s" + (i - 2) + "]" : "").append("}\n");
        }
        Files.writeString(plan, yaml);
        killed = dir.resolve("killed");
        try (ChildRun child = ChildRun.start("run", plan.toString(), "--run-id", "steps", "--state-dir",
                killed.toString(), "--view", "lines")) {
            assertThat(child.awaitStarts(30)).as(child.output()).isTrue();
            child.kill();
        }
    }

    @Test
    void aJournalCutToHalfIsRefusedByEveryCommand() throws Exception {
        Path state = copy(killed, dir.resolve("half"));
        Path file = state.resolve("journal.mv.db");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertRefused(state);
    }

    @Test
    void aJournalWithBlocksOverwrittenIsRefusedByEveryCommand() throws Exception {
        Path state = copy(killed, dir.resolve("blocks"));
        Path file = state.resolve("journal.mv.db");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long blocks = f.length() / 4096;
            byte[] noise = new byte[4096];
            new java.util.Random(18).nextBytes(noise);
            for (long b = blocks / 4; b < blocks; b += 2) { // every other block of the last three quarters
                f.seek(b * 4096);
                f.write(noise);
            }
        }
        assertRefused(state);
    }

    @Test
    void theSameJournalUndamagedResumes() throws Exception {
        Path state = copy(killed, dir.resolve("intact"));
        Cli resumed = Cli.run("run", plan.toString(), "--run-id", "steps", "--state-dir", state.toString(),
                "--view", "lines");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("run steps: SUCCEEDED — 40 of 40 nodes succeeded");
    }

    private void assertRefused(Path state) throws IOException {
        String file = state.resolve("journal.mv.db").toString();
        for (String command : READERS) {
            Cli cli = Cli.run(command, "--state-dir", state.toString());
            assertThat(cli.exitCode()).as(command + ": " + cli.out() + cli.err()).isEqualTo(5);
            assertThat(cli.err()).as(command).startsWith("slotflow: ").contains(file).doesNotContain("\tat ");
            assertThat(cli.err().strip().lines()).as(command).hasSize(1);
        }
        long logsBefore = logFiles(state);
        Cli resume = Cli.run("run", plan.toString(), "--run-id", "steps", "--state-dir", state.toString(),
                "--view", "lines");
        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isEqualTo(5);
        assertThat(resume.err()).contains(file);
        assertThat(resume.err().strip().lines()).hasSize(1);
        assertThat(logFiles(state)).as("no session ran").isEqualTo(logsBefore);
    }

    private static long logFiles(Path state) throws IOException {
        Path logs = state.resolve("runs/steps/logs");
        try (Stream<Path> files = Files.list(logs)) {
            return files.count();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
