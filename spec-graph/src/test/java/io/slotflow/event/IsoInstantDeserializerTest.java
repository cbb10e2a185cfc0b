package io.slotflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written instant reader reads every text exactly as Jackson's own reader does. */
class IsoInstantDeserializerTest {

    /** Jackson's reader alone: what events were read with before. */
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @Property
    void everyWrittenInstantReadsBackAsItself(@ForAll("instants") Instant instant) throws Exception {
        String json = EventCodec.mapper().writeValueAsString(instant);
        assertThat(EventCodec.mapper().readValue(json, Instant.class)).isEqualTo(instant);
    }

    @Property
    void anyTextReadsAsJacksonReadsIt(@ForAll("nearlyIsoTexts") String text) throws Exception {
        String json = "\"" + text + "\"";
        assertThat(outcome(EventCodec.mapper(), json)).isEqualTo(outcome(JACKSON, json));
    }

    @Property
    void numbersStillReadAsJacksonReadsThem(@ForAll long seconds) throws Exception {
        String json = Long.toString(seconds % 100_000_000_000L);
        assertThat(outcome(EventCodec.mapper(), json)).isEqualTo(outcome(JACKSON, json));
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return "read " + mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return "refused";
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L); // years 0000..9999
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
                .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    /** Written instants, some with one character changed, cut, or a part out of range. */
    @Provide
    Arbitrary<String> nearlyIsoTexts() {
        Arbitrary<String> written = instants().map(Instant::toString);
        Arbitrary<String> changed = Combinators.combine(written, Arbitraries.integers().between(0, 29),
                Arbitraries.of('0', '9', '-', ':', '.', 'T', 't', 'Z', 'z', '+', ' ', 'x'))
                .as((s, at, c) -> at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s + c);
        Arbitrary<String> cut = Combinators.combine(written, Arbitraries.integers().between(0, 29))
                .as((s, at) -> s.substring(0, Math.min(at, s.length())));
        Arbitrary<String> ranges = Combinators.combine(Arbitraries.integers().between(0, 19999),
                Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 32),
                Arbitraries.integers().between(0, 25), Arbitraries.integers().between(0, 61),
                Arbitraries.integers().between(0, 61), Arbitraries.strings().numeric().ofMaxLength(11))
                .as((y, mo, d, h, mi, s, f) -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", y, mo, d, h, mi, s,
                        f.isEmpty() ? "" : "." + f));
        return Arbitraries.oneOf(written, changed, cut, ranges);
    }
}
