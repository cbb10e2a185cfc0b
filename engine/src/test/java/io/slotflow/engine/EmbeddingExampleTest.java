package io.slotflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/embedding.md shows EmbeddingExample as it is: this test keeps them equal and runs it. */
class EmbeddingExampleTest {

    private static final Path HELLO = Path.of("../docs/examples/hello.yaml").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theDocsShowTheExampleThisTestRuns() throws Exception {
        String example = Files.readString(Path.of("src/test/java/io/slotflow/engine/EmbeddingExample.java"));
        String docs = Files.readString(Path.of("../docs/embedding.md"));
        String body = example.substring(example.indexOf("public final class"));
        assertThat(docs).contains(body.strip());
    }

    @Test
    void theExampleRunsAPlanWithRealProcesses() throws Exception {
        assertThat(EmbeddingExample.runPlan(dir, HELLO).outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    }

    @Test
    void theExampleRunsAPlanInProcess() throws Exception {
        assertThat(EmbeddingExample.runInProcess(dir, HELLO).outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    }
}
