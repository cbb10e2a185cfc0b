package io.slotflow.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FootprintTest {

    private static Footprint fp(List<String> reads, List<String> writes) {
        return Footprint.of(reads, writes);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("write/write on one token", fp(List.of(), List.of("a"))), fp(List.of(), List.of("a")), "a"),
                Arguments.of(Named.of("write/read", fp(List.of(), List.of("a"))), fp(List.of("a"), List.of()), "a"),
                Arguments.of(Named.of("read/write", fp(List.of("a"), List.of())), fp(List.of(), List.of("a")), "a"),
                Arguments.of(Named.of("read/read shares", fp(List.of("a"), List.of())), fp(List.of("a"), List.of()), null),
                Arguments.of(Named.of("distinct tokens", fp(List.of("a"), List.of("b"))), fp(List.of("c"), List.of("d")), null),
                Arguments.of(Named.of("no footprint is catch-all", fp(List.of(), List.of())), fp(List.of("x"), List.of()), "*"),
                Arguments.of(Named.of("category lock is a write token", fp(List.of(), List.of("lock:parser"))),
                        fp(List.of(), List.of("lock:parser")), "lock:parser"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void conflicts(Footprint a, Footprint b, String token) {
        assertThat(a.conflictingToken(b)).isEqualTo(token);
        assertThat(b.conflictsWith(a)).as("symmetric").isEqualTo(token != null);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theLedgerAgreesWithTheRule(Footprint a, Footprint b, String token) {
        TokenTable tokens = new TokenTable();
        FootprintLedger ledger = new FootprintLedger();
        ledger.acquire("held", tokens.compile(a));
        assertThat(ledger.holderOfConflict(tokens.compile(b))).isEqualTo(Optional.ofNullable(token == null ? null : "held"));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void tokenSyntax(String token, boolean wellFormed) {
        assertThat(Tokens.isWellFormed(token)).isEqualTo(wellFormed);
    }

    static Stream<Arguments> tokens() {
        return Stream.of(Arguments.of("src/parser", true), Arguments.of("lock:db", true),
                Arguments.of("src/{spec}/x", true), Arguments.of("", false), Arguments.of("a b", false),
                Arguments.of("*", false), Arguments.of("/abs", false), Arguments.of("{other}", false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalFootprintsAreEqualValues(Footprint a, Footprint b, String token) {
        List<String> reads = new java.util.ArrayList<>(a.reads());
        List<String> writes = new java.util.ArrayList<>(a.writes());
        java.util.Collections.reverse(reads);
        java.util.Collections.reverse(writes);
        assertThat(Footprint.of(reads, writes)).isEqualTo(a);
    }
}
