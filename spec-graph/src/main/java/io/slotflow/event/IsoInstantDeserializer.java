package io.slotflow.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants events are written with ({@code DateTimeFormatter.ISO_INSTANT}:
 * {@code 2026-12-02T10:15:30.123Z}) by hand: nearly every event carries one or two, and parsing them
 * with {@code DateTimeFormatter} was a sixth of the CPU a replay spends reading. Anything else (a
 * number, an offset, a leap second, a year beyond 9999) goes to Jackson's own reader, so every
 * instant reads exactly as before.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final long SECONDS_PER_DAY = 86_400;

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant read = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (read != null) {
                return read;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in UTC, or null when the text is not exactly that. */
    static Instant parse(char[] text, int from, int length) {
        if (length < 20 || length > 30 || text[from + length - 1] != 'Z') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || text[from + 4] != '-' || text[from + 7] != '-' || text[from + 10] != 'T'
                || text[from + 13] != ':' || text[from + 16] != ':' || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        int end = from + length - 1; // the 'Z'
        int at = from + 19;
        if (at < end) {
            if (text[at] != '.' || end - at - 1 > 9 || end - at - 1 < 1) {
                return null;
            }
            int scale = 100_000_000;
            for (int i = at + 1; i < end; i++) {
                int d = text[i] - '0';
                if (d < 0 || d > 9) {
                    return null;
                }
                nanos += d * scale;
                scale /= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like: Jackson's reader names the problem
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number written with exactly {@code count} digits at {@code at}, or -1. */
    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int d = text[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
