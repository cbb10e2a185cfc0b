package io.slotflow.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BranchNameTest {

    /** Any text, with the characters git refuses in ref names well represented. */
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("a/. :~^?*[\\@{}\"' -_é\t\n").ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(12),
                Arbitraries.of("..", ".lock", "a.lock", "@", "@{1}", "/", "//", ".", "HEAD", "x/../y"));
    }

    @Property
    void everyIdGivesAValidRefName(@ForAll("ids") String run, @ForAll("ids") String node,
            @ForAll @IntRange(min = 1, max = 1000) int attempt) {
        assertThat(validByGitsRules("refs/heads/" + BranchName.of(run, node, attempt))).isTrue();
    }

    @Property
    void differentIdsGiveDifferentBranches(@ForAll("ids") String a, @ForAll("ids") String b) {
        if (!a.equals(b)) {
            assertThat(BranchName.of("r", a, 1)).isNotEqualTo(BranchName.of("r", b, 1));
            assertThat(BranchName.of(a, "n", 1)).isNotEqualTo(BranchName.of(b, "n", 1));
        }
    }

    @Test
    void plainIdsStayReadable() {
        assertThat(BranchName.of("run-1", "parser:0", 2)).isEqualTo("slotflow/run-1/parser%3A0/2");
        assertThat(BranchName.of("it's a \"run\"", "a/b c", 1)).isEqualTo("slotflow/it%27s%20a%20%22run%22/a%2Fb%20c/1");
    }

    /** git-check-ref-format(1), rule by rule: an oracle that shares nothing with the escaping. */
    private static boolean validByGitsRules(String ref) {
        if (ref.contains("..") || ref.contains("@{") || ref.contains("//") || ref.endsWith("/") || ref.endsWith(".")
                || ref.equals("@")) {
            return false;
        }
        for (char c : ref.toCharArray()) {
            if (c < 0x20 || c == 0x7f || c > 0x7e || " ~^:?*[\\".indexOf(c) >= 0) {
                return false;
            }
        }
        for (String component : ref.split("/")) {
            if (component.isEmpty() || component.startsWith(".") || component.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }
}
