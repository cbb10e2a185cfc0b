package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tail of a log read from its end: the same lines as reading the whole file, without reading it whole. */
class LogTailTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("node.attempt-1.out");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The oracle: split the whole text, drop the break that ends it, keep the last {@code count}. */
    private static List<String> lastLines(String text, int count) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        List<String> all = Arrays.stream(body.split("\n", -1)).map(l -> l.endsWith("\r") ? l.substring(0,
                l.length() - 1) : l).toList();
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    @ParameterizedTest(name = "{0} lines of {1} chars, trailing break {2}, last {3}")
    @CsvSource({
        "0, 0, false, 5",
        "1, 0, true, 5",
        "3, 5, true, 1",
        "3, 5, false, 3",
        "3, 5, false, 10",
        "1500, 4, true, 100",
        "1500, 4, true, 1000",
        // lines that cross the 16 KiB chunks the file is read in
        "40, 10000, true, 7",
        "40, 10000, false, 39",
        "40, 16383, true, 2",
        "2, 16384, true, 2",
    })
    void theLastLinesAreThoseOfTheWholeFile(int lines, int width, boolean trailing, int count) throws IOException {
        String text = IntStream.range(0, lines).mapToObj(i -> i + ":" + "x".repeat(width))
                .collect(Collectors.joining("\n")) + (trailing && lines > 0 ? "\n" : "");
        LogTail.Tail tail = LogTail.read(file(text), count);
        List<String> expected = lastLines(text, count);
        assertThat(tail.lines()).isEqualTo(expected);
        assertThat(tail.earlier()).isEqualTo(lastLines(text, Integer.MAX_VALUE).size() > expected.size());
        assertThat(tail.size()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void windowsLineEndsAndUtf8AreKept() throws IOException {
        LogTail.Tail tail = LogTail.read(file("erste Zeile\r\nzweite: é ✓ 🙂\r\ndritte\r\n"), 2);
        assertThat(tail.lines()).containsExactly("zweite: é ✓ 🙂", "dritte");
        assertThat(tail.earlier()).isTrue();
    }

    @Test
    void aHugeFileIsReadFromItsEndOnly() throws IOException {
        // 40 MB of output; the tail reads at most LogTail.MAX_BYTES of it
        String line = "y".repeat(999) + "\n";
        Path file = dir.resolve("huge.out");
        try (var out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 40_000; i++) {
                out.write(line);
            }
            out.write("the end\n");
        }
        LogTail.Tail tail = LogTail.read(file, 100_000);
        assertThat(tail.lines()).last().isEqualTo("the end");
        assertThat(tail.lines().size()).as("no more than the byte cap's worth of lines")
                .isBetween(LogTail.MAX_BYTES / 1000 - 2, LogTail.MAX_BYTES / 1000 + 1);
        assertThat(tail.lines()).allSatisfy(l -> assertThat(l).isIn("the end", "y".repeat(999)));
        assertThat(tail.earlier()).isTrue();
    }

    @Test
    void oneLineLongerThanTheCapShowsItsEnd() throws IOException {
        String text = "z".repeat(LogTail.MAX_BYTES + 5000) + "tail";
        LogTail.Tail tail = LogTail.read(file(text), 10);
        assertThat(tail.lines()).singleElement().satisfies(l -> assertThat(l).endsWith("ztail")
                .hasSize(LogTail.MAX_BYTES));
        assertThat(tail.earlier()).isTrue();
    }
}
