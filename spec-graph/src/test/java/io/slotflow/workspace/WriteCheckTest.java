package io.slotflow.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteCheckTest {

    @Test
    void aWriteTokenCoversItsPathAndWhatIsBelowIt() {
        Footprint declared = Footprint.of(List.of("docs"), List.of("src/parser", "README.md", "lib/"));
        assertThat(WriteCheck.undeclared(List.of("src/parser/Lexer.java", "src/parser", "README.md", "lib/a.c",
                "src/parser2/X.java", "docs/index.md", "README.md.orig"), declared))
                .as("a read is not a write; a prefix covers whole path segments only")
                .containsExactly("src/parser2/X.java", "docs/index.md", "README.md.orig");
    }

    @Test
    void aNodeWithoutAFootprintMayWriteAnything() {
        assertThat(WriteCheck.undeclared(List.of("anything/at/all"), Footprint.catchAll())).isEmpty();
    }

    @Test
    void whatASessionDidDecidesWhetherItsBranchIsQueued() {
        assertThat(BranchVerdict.of(0, 0)).isEqualTo(BranchVerdict.NOOP);
        assertThat(BranchVerdict.of(2, 0)).isEqualTo(BranchVerdict.QUEUE);
        assertThat(BranchVerdict.of(0, 1)).isEqualTo(BranchVerdict.UNCOMMITTED);
        assertThat(BranchVerdict.of(3, 1)).isEqualTo(BranchVerdict.UNCOMMITTED);
    }
}
