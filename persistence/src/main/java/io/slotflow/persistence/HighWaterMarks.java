package io.slotflow.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many events of each run an engine has seen written to an H2 file journal, kept outside that
 * file: {@code journal.high-water/<run>} next to {@code journal.mv.db}.
 *
 * <p>Why outside: a file cut short, or with blocks overwritten, is rolled back by H2 to its last
 * readable state without an error. What is left is consistent — every sequence number in order,
 * nothing dangling — so nothing inside the file can show that a tail is gone. A count recorded
 * elsewhere can: the journal must hold at least as many events of a run as its mark says.
 *
 * <p>The engine that holds a run's lease is its only writer. H2 acknowledges a commit that it has
 * not always saved yet (of two commits at once, one may return before its pages are written; a
 * {@code kill -9} then loses it), so the mark counts only what H2 has provably saved: about once a
 * second it notes the events acknowledged so far, runs {@code CHECKPOINT}, and then records them
 * ({@link SavedEvents}). The mark therefore never exceeds what the file holds, and lags it by about a
 * second: a tail lost within the last second of a run is not told apart from a kill. Journals other
 * than H2 files (PostgreSQL, H2 in memory or over TCP) keep no marks: {@link #none()}.
 */
public final class HighWaterMarks {

    /** A mark is one fixed-width line, overwritten in place with a single write. */
    private static final String FORMAT = "events=%019d%n";
    private static final String DIRECTORY_SUFFIX = ".high-water";

    private final Path directory;
    private final String journalFile;
    private final SavedEvents settler;

    private HighWaterMarks(Path directory, String journalFile, SavedEvents settler) {
        this.directory = directory;
        this.journalFile = journalFile;
        this.settler = settler;
    }

    /** The marks of this journal: next to its file for an H2 file journal, none for any other. */
    public static HighWaterMarks of(JournalSettings settings) {
        return settings.h2File()
                .map(file -> new HighWaterMarks(file.resolveSibling(baseName(file) + DIRECTORY_SUFFIX), file.toString(),
                        new SavedEvents(settings)))
                .orElseGet(HighWaterMarks::none);
    }

    /** No marks: every check passes, every write is dropped. */
    public static HighWaterMarks none() {
        return new HighWaterMarks(null, "", null);
    }

    /** Where a journal is, for messages: its file for an H2 file journal, else its URL without password. */
    public static String where(JournalSettings settings) {
        return settings.h2File().map(Path::toString).orElseGet(settings::describe);
    }

    /** {@code /x/journal.mv.db} → {@code journal}. */
    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".mv.db".length());
    }

    /** The journal's database file, for messages. */
    public String journalFile() {
        return journalFile;
    }

    /** The file holding a run's mark. */
    public Path file(String runId) {
        return directory.resolve(runId);
    }

    /** The events of a run known to have been written, if this journal keeps marks and the run has one. */
    public OptionalLong written(String runId) {
        if (directory == null) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file(runId), StandardCharsets.US_ASCII).strip();
            return OptionalLong.of(Long.parseLong(text.substring(text.indexOf('=') + 1)));
        } catch (NoSuchFileException none) {
            return OptionalLong.empty();
        } catch (IOException | RuntimeException unreadable) {
            throw new JournalCorruptException("cannot read the high-water mark " + file(runId) + " of the journal "
                    + journalFile + ": " + JournalUnavailableException.rootMessage(unreadable), unreadable);
        }
    }

    /** The runs that have a mark. */
    public List<String> runs() {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> runs = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(runs::add);
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when the journal holds fewer events of a run than its mark says were written.
     *
     * @param written the mark, read before the events were
     * @param held the events of the run the journal gave back
     */
    public void check(String runId, OptionalLong written, long held) {
        if (written.isPresent() && held < written.getAsLong()) {
            throw new JournalCorruptException("the journal " + journalFile + " has lost events of run " + runId
                    + ": it holds " + held + ", but " + written.getAsLong() + " were written (" + file(runId)
                    + "); restore the file from a backup, or see docs/reliability.md#a-damaged-journal");
        }
    }

    /**
     * Opens the writer of a run's mark, starting at the events the journal already holds. Only the
     * holder of the run's lease may call it.
     */
    public Writer writer(String runId, long held) {
        if (directory == null) {
            return Writer.NONE;
        }
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            FileChannel channel = FileChannel.open(file(runId), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file(runId), PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // permissions are the file system's default there
            }
            MarkFile mark = new MarkFile(channel, file(runId), held);
            mark.write(held);
            return new MarkWriter(mark, settler);
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot write the high-water mark " + file(runId) + ": "
                    + JournalUnavailableException.rootMessage(e), e);
        }
    }

    /** Records what every open writer has seen saved, and closes them (an engine that stops). */
    public void closeAll() {
        if (settler != null) {
            settler.removeAll();
        }
    }

    /** Records a run's events as the engine writes them. */
    public interface Writer extends AutoCloseable {

        /** Counts {@code written} events the journal just acknowledged; the mark records them once H2 has saved them. */
        void advance(long written);

        /** Records every event acknowledged so far, once saved, and closes the file. */
        @Override
        void close();

        Writer NONE = new Writer() {
            @Override
            public void advance(long written) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** One run's mark file, overwritten in place. */
    static final class MarkFile {
        private final FileChannel channel;
        private final Path file;
        private final java.util.concurrent.atomic.AtomicLong acknowledged;
        private boolean broken;

        MarkFile(FileChannel channel, Path file, long held) {
            this.channel = channel;
            this.file = file;
            this.acknowledged = new java.util.concurrent.atomic.AtomicLong(held);
        }

        long acknowledged() {
            return acknowledged.get();
        }

        void acknowledge(long written) {
            acknowledged.addAndGet(written);
        }

        synchronized void write(long count) {
            if (broken) {
                return;
            }
            ByteBuffer line = ByteBuffer.wrap(String.format(FORMAT, count).getBytes(StandardCharsets.US_ASCII));
            try {
                // one positional write of a few bytes: a killed process leaves the old line or the new one
                while (line.hasRemaining()) {
                    channel.write(line, line.position());
                }
            } catch (IOException e) {
                // a mark that stops growing only checks less; stopping the run for it would lose more
                broken = true;
                System.err.println("slotflow: cannot write the high-water mark " + file + " any more: "
                        + JournalUnavailableException.rootMessage(e));
            }
        }

        synchronized void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // the mark is written already; closing only frees the handle
            }
        }
    }

    private static final class MarkWriter implements Writer {
        private final MarkFile mark;
        private final SavedEvents settler;

        MarkWriter(MarkFile mark, SavedEvents settler) {
            this.mark = mark;
            this.settler = settler;
            settler.add(mark);
        }

        @Override
        public void advance(long written) {
            mark.acknowledge(written);
        }

        @Override
        public void close() {
            settler.remove(mark);
        }
    }
}
