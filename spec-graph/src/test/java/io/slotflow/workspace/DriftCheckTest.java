package io.slotflow.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.footprint.Footprint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DriftCheckTest {

    static Stream<Arguments> cases() {
        Footprint parser = Footprint.of(List.of("docs"), List.of("src/parser"));
        return Stream.of(
                Arguments.of("a file the session changed", List.of("a.txt", "b.txt"), List.of("b.txt"),
                        Footprint.catchAll(), List.of("b.txt")),
                Arguments.of("a file under a declared write", List.of("src/parser/Lexer.java", "src/parser2/X.java"),
                        List.of(), parser, List.of("src/parser/Lexer.java")),
                Arguments.of("a declared read is no stake", List.of("docs/index.md"), List.of(), parser, List.of()),
                Arguments.of("no footprint declares nothing", List.of("x.txt"), List.of(), Footprint.catchAll(),
                        List.of()),
                Arguments.of("changed and declared, once and sorted", List.of("src/parser/b", "src/parser/a",
                        "src/parser/a"), List.of("src/parser/a"), parser, List.of("src/parser/a", "src/parser/b")),
                Arguments.of("nothing touched", List.of(), List.of("a.txt"), parser, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSessionHasAStakeIn(String name, List<String> touched, List<String> changed, Footprint declared,
            List<String> expected) {
        assertThat(DriftCheck.overlap(touched, changed, declared)).isEqualTo(expected);
    }
}
