package io.slotflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The quick instant reader reads what the events' mapper writes, and agrees with Java's own parser on every text it takes. */
class IsoInstantDeserializerTest {

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    record Stamp(Instant at) {
    }

    @Provide
    Arbitrary<Instant> instants() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs().between(first, last),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 999).map(millis -> millis * 1_000_000), Arbitraries.just(0));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Property(tries = 2000)
    void readsBackWhatTheMapperWrites(@ForAll("instants") Instant at) throws Exception {
        String json = MAPPER.writeValueAsString(new Stamp(at));
        assertThat(MAPPER.readValue(json, Stamp.class).at()).isEqualTo(at);
    }

    /** Texts near the written shape: a digit, a separator or the length changed. */
    @Provide
    Arbitrary<String> nearlyWritten() {
        Arbitrary<String> written = instants().map(Instant::toString);
        Arbitrary<Character> replacement = Arbitraries.of('0', '9', '5', '3', '-', ':', '.', 'T', 'Z', '+', ' ', 'x');
        Arbitrary<String> changed = Combinators.combine(written, Arbitraries.integers().between(0, 29), replacement)
                .as((text, at, c) -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text + c);
        Arbitrary<String> cut = Combinators.combine(written, Arbitraries.integers().between(0, 29))
                .as((text, at) -> text.substring(0, Math.min(at, text.length())) + (at < text.length() ? "Z" : ""));
        return Arbitraries.oneOf(written, changed, cut);
    }

    @Property(tries = 3000)
    void agreesWithJavasParserWheneverItReadsATextAtAll(@ForAll("nearlyWritten") String text) {
        Instant quick = IsoInstantDeserializer.parse(text);
        if (quick != null) {
            assertThat(quick).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesOtherShapesToJacksonsReader() throws Exception {
        assertThat(IsoInstantDeserializer.parse("2026-12-02T15:00:00+01:00")).isNull();
        assertThat(MAPPER.readValue("{\"at\":\"2026-12-02T15:00:00+01:00\"}", Stamp.class).at())
                .isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
        assertThat(MAPPER.readValue("{\"at\":1764684000.5}", Stamp.class).at())
                .isEqualTo(Instant.ofEpochSecond(1_764_684_000L, 500_000_000));
        assertThat(IsoInstantDeserializer.parse("2026-02-30T00:00:00Z")).isNull();
        assertThatThrownBy(() -> MAPPER.readValue("{\"at\":\"2026-02-30T00:00:00Z\"}", Stamp.class))
                .hasRootCauseInstanceOf(DateTimeParseException.class);
    }
}
