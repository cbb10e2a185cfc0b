package io.slotflow.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.core.SourceVerdict;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of wrong payload is rejected with a reason that names it; a matching one becomes specs. */
class WorkItemsTest {

    private static SourceVerdict check(String printed) {
        byte[] bytes = printed.getBytes(StandardCharsets.UTF_8);
        return WorkItems.check(bytes, bytes.length, "feature");
    }

    static Stream<Arguments> wrongPayloads() {
        return Stream.of(
                Arguments.of("empty output", "", "not JSON: the output is empty"),
                Arguments.of("not JSON at all", "found 3 things to do", "not JSON: "),
                Arguments.of("truncated JSON", "{\"version\": 1, \"items\": [{\"id\": \"a\"", "not JSON: "),
                Arguments.of("two documents", "{\"version\": 1, \"items\": []} {}", "more follows the first JSON value"),
                Arguments.of("a bare list (the old shape)", "[{\"id\": \"a\", \"command\": \"true\"}]",
                        "does not match work-item-v1: the output: array found, object expected"),
                Arguments.of("no version", "{\"items\": []}", "version"),
                Arguments.of("a newer version", "{\"version\": 2, \"items\": []}", "version 2 is newer than this engine reads (1)"),
                Arguments.of("a version as text", "{\"version\": \"1\", \"items\": []}", "does not match work-item-v1"),
                Arguments.of("no items", "{\"version\": 1}", "items"),
                Arguments.of("an item without a command", "{\"version\": 1, \"items\": [{\"id\": \"a\"}]}", "command"),
                Arguments.of("an item without an id", "{\"version\": 1, \"items\": [{\"command\": \"true\"}]}", "id"),
                Arguments.of("an unknown field", "{\"version\": 1, \"items\": [{\"id\": \"a\", \"command\": \"true\", "
                        + "\"priority\": 3}]}", "priority"),
                Arguments.of("an unknown top-level field", "{\"version\": 1, \"items\": [], \"next\": 2}", "next"),
                Arguments.of("writes as text, not a list", "{\"version\": 1, \"items\": [{\"id\": \"a\", \"command\": "
                        + "\"true\", \"writes\": \"src\"}]}", "writes"),
                Arguments.of("an id with a slash", "{\"version\": 1, \"items\": [{\"id\": \"a/b\", \"command\": \"true\"}]}",
                        "id"),
                Arguments.of("too big", "{\"version\": 1, \"items\": [], \"pad\": \"" + "x".repeat(WorkItems.MAX_BYTES)
                        + "\"}", "too big: "),
                Arguments.of("too deep", "[".repeat(200) + "]".repeat(200), "not JSON: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPayloads")
    void aWrongPayloadIsRejectedWithItsReason(String name, String printed, String reason) {
        SourceVerdict verdict = check(printed);
        assertThat(verdict).isInstanceOf(SourceVerdict.Malformed.class);
        SourceVerdict.Malformed rejected = (SourceVerdict.Malformed) verdict;
        assertThat(rejected.reason()).as(name).contains(reason).doesNotContain("\n");
        assertThat(rejected.bytes()).isEqualTo(printed.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void outputThatIsNotUtf8IsRejected() {
        byte[] bytes = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        assertThat(WorkItems.check(bytes, bytes.length, "feature")).isInstanceOfSatisfying(SourceVerdict.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo("not JSON: the output is not UTF-8 text"));
    }

    @Test
    void matchingItemsBecomeSpecsInTheSourcesCategoryUnlessTheyNameOne() {
        SourceVerdict verdict = check("{\"version\": 1, \"items\": [{\"id\": \"f-1\", \"command\": \"true\", "
                + "\"estimate\": \"2s\", \"writes\": [\"src/a\"]}, {\"id\": \"d-1\", \"command\": \"true\", "
                + "\"category\": \"docs\"}]}");
        assertThat(verdict).isInstanceOfSatisfying(SourceVerdict.Items.class, items -> assertThat(items.specsJson())
                .isEqualTo("{\"specs\":[{\"id\":\"f-1\",\"command\":\"true\",\"estimate\":\"2s\",\"writes\":[\"src/a\"],"
                        + "\"category\":\"feature\"},{\"id\":\"d-1\",\"command\":\"true\",\"category\":\"docs\"}]}"));
    }

    @Test
    void noItemsIsAValidAnswer() {
        assertThat(check("{\"version\": 1, \"items\": []}")).isInstanceOfSatisfying(SourceVerdict.Items.class,
                items -> assertThat(items.specsJson()).isEqualTo("{\"specs\":[]}"));
    }
}
