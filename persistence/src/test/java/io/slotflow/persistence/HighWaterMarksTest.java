package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** High-water marks on a real H2 file: what a writer records, and what a check refuses. */
class HighWaterMarksTest {

    @TempDir
    Path dir;

    @Test
    void aClosedWriterRecordsEveryAcknowledgedEventInAnOwnerOnlyFile() throws Exception {
        HighWaterMarks marks = HighWaterMarks.of(JournalSettings.embedded(dir));
        assertThat(marks.written("r")).isEmpty();
        HighWaterMarks.Writer writer = marks.writer("r", 10);
        assertThat(marks.written("r")).hasValue(10); // what the journal held at the start
        writer.advance(3);
        writer.advance(2);
        writer.close(); // after a checkpoint: H2 has saved them
        assertThat(marks.written("r")).hasValue(15);
        assertThat(marks.runs()).containsExactly("r");
        Path file = dir.resolve("journal.high-water/r");
        assertThat(marks.file("r")).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aJournalHoldingFewerEventsThanItsMarkIsRefusedNamingTheFile() {
        HighWaterMarks marks = HighWaterMarks.of(JournalSettings.embedded(dir));
        marks.check("r", OptionalLong.of(15), 15);
        marks.check("r", OptionalLong.of(15), 16);
        marks.check("r", OptionalLong.empty(), 0);
        assertThatThrownBy(() -> marks.check("r", OptionalLong.of(15), 14))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessage("the journal " + dir.resolve("journal.mv.db") + " has lost events of run r: it holds 14, "
                        + "but 15 were written (" + dir.resolve("journal.high-water/r") + "); restore the file from "
                        + "a backup, or see docs/reliability.md#a-damaged-journal");
    }

    @Test
    void journalsThatAreNotH2FilesKeepNoMarks() {
        HighWaterMarks pg = HighWaterMarks.of(JournalSettings.fromUrl("jdbc:postgresql://db/slotflow", Map.of(), 4));
        HighWaterMarks memory = HighWaterMarks.of(JournalSettings.fromUrl("jdbc:h2:mem:x", Map.of(), 4));
        for (HighWaterMarks none : new HighWaterMarks[] {pg, memory}) {
            none.writer("r", 5).close();
            assertThat(none.written("r")).isEmpty();
            assertThat(none.runs()).isEmpty();
        }
    }
}
