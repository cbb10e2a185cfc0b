package io.slotflow.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a file that may be huge and still growing: read backwards from its end, a
 * chunk at a time, until enough lines are seen or {@link #MAX_BYTES} are read, so that a session's
 * gigabyte of output costs no more than its tail. Lines are split on {@code \n} (a {@code \r}
 * before it is dropped), decoded as UTF-8 with malformed bytes replaced; an unfinished last line
 * is a line.
 */
final class LogTail {

    /** The most bytes one tail reads: past it, the oldest lines asked for are left out. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final int CHUNK = 16 * 1024;

    /**
     * @param lines the last lines, oldest first
     * @param size the file's size in bytes when it was read
     * @param earlier the file holds lines before these
     */
    record Tail(List<String> lines, long size, boolean earlier) {
    }

    private LogTail() {
    }

    /** The last {@code count} lines of {@code file} (1 or more). */
    static Tail read(Path file, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be 1 or more, got " + count);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long end = size;
            // the window [from, end) grows backwards until it holds count line breaks before the last line
            byte[] window = new byte[0];
            long from = end;
            int breaks = 0;
            boolean trailingBreak = false;
            while (from > 0 && window.length < MAX_BYTES && breaks <= count) {
                int length = (int) Math.min(Math.min(CHUNK, from), MAX_BYTES - window.length);
                ByteBuffer chunk = ByteBuffer.allocate(length);
                long at = from - length;
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, at + chunk.position()) < 0) {
                        break; // truncated under us: what was read is the tail
                    }
                }
                byte[] read = Arrays.copyOf(chunk.array(), chunk.position());
                if (from == end && read.length > 0 && read[read.length - 1] == '\n') {
                    trailingBreak = true;
                }
                for (byte b : read) {
                    if (b == '\n') {
                        breaks++;
                    }
                }
                byte[] grown = new byte[read.length + window.length];
                System.arraycopy(read, 0, grown, 0, read.length);
                System.arraycopy(window, 0, grown, read.length, window.length);
                window = grown;
                from = at;
            }
            return tail(window, from == 0, trailingBreak, count, size);
        }
    }

    private static Tail tail(byte[] window, boolean fromStart, boolean trailingBreak, int count, long size) {
        String text = new String(window, StandardCharsets.UTF_8);
        if (trailingBreak) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> all = window.length == 0 ? List.of() : Arrays.asList(text.split("\n", -1));
        // a window that does not start at the file's start begins inside a line: never show half a line
        // (unless the window is all one line, longer than it: then its end is the best there is)
        int first = fromStart || all.size() == 1 ? 0 : 1;
        int start = Math.max(first, all.size() - count);
        List<String> lines = all.subList(Math.min(start, all.size()), all.size()).stream()
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
        return new Tail(lines, size, start > 0 || !fromStart);
    }
}
