package io.slotflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed and hostile plans (src/test/resources/hostile): each is refused with exit 2,
 * one line per problem, no stack trace, no raw control characters, nothing written, quickly.
 */
class HostilePlansTest {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    @TempDir
    Path dir;

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.count()).isGreaterThanOrEqualTo(40);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHostilePlanIsRefusedCleanly() throws IOException {
        return Files.list(CORPUS).sorted().map(plan -> DynamicTest.dynamicTest(plan.getFileName().toString(), () -> {
            Path state = dir.resolve(plan.getFileName() + ".state");
            Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> Cli.run("run", plan.toString(), "--state-dir", state.toString()));
            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
            assertThat(cli.out()).isEmpty();
            assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ")
                    .as("no control, escape or bidirectional character reaches the terminal")
                    .doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}&&[^\\n]]");
            assertThat(cli.err().lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .matches("(" + java.util.regex.Pattern.quote(plan.toString()) + "(:\\d+:\\d+)?: .+"
                            + "|slotflow: the plan has \\d+ problems?; nothing was run)"));
            assertThat(state).as("nothing written").doesNotExist();
        }));
    }
}
