package io.slotflow.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a work source printed did not match the work-item schema or the plan's rules: nothing of it
 * runs. Never turned into a default: the operator sees this in the live view, {@code status} and
 * the dashboard.
 *
 * @param source the source's name
 * @param run which of its runs printed it
 * @param reason what is wrong, one line per problem
 * @param payload what it printed, cut to {@link #MAX_PAYLOAD_CHARS} characters
 * @param payloadBytes how many bytes it printed in all
 * @param retryAt when the source runs again; empty when it failed too often in a row and is given up
 */
@EventType(name = "source-rejected", version = 1)
public record SourceRejected(String source, int run, String reason, String payload, long payloadBytes,
        Optional<Instant> retryAt, Instant at) implements RunEvent {

    /** The most of a rejected payload the journal keeps. */
    public static final int MAX_PAYLOAD_CHARS = 2048;

    public SourceRejected {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        payload = payload == null ? "" : cap(payload);
        retryAt = retryAt == null ? Optional.empty() : retryAt;
    }

    /** {@code text} cut to {@link #MAX_PAYLOAD_CHARS}, saying how much was cut. */
    public static String cap(String text) {
        return text.length() <= MAX_PAYLOAD_CHARS ? text
                : text.substring(0, MAX_PAYLOAD_CHARS) + "… (" + (text.length() - MAX_PAYLOAD_CHARS) + " more characters)";
    }
}
