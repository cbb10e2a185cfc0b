package io.slotflow.server;

import io.slotflow.event.EventCodec;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A run's events as server-sent events, in journal order. Each event's {@code id} is its offset in
 * the run (0 for {@code plan-accepted}); a client that reconnects with {@code Last-Event-ID: n} (or
 * {@code ?from=n+1}) gets every event after it, none twice. The stream ends after {@code run-completed}.
 * A failed journal query does not end it: it is taken up again from the next offset (see {@link #RESTARTS}).
 */
final class EventStream {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final EventCodec CODEC = EventCodec.standard();
    /**
     * A journal query that fails (on a busy machine the read journal's ask for the highest ordering
     * can time out) is started again after a pause and goes on after the last event sent, rather
     * than cutting the client off; a journal down for minutes ends the stream (the client resumes
     * with {@code Last-Event-ID}).
     */
    static final RestartSettings RESTARTS = RestartSettings.create(Duration.ofMillis(500),
            Duration.ofSeconds(10), 0.2).withMaxRestarts(30, Duration.ofMinutes(10));

    /** One event as the stream sends it (its {@code data}). */
    record Sent(long offset, String type, int version, RunEvent event) {
    }

    private EventStream() {
    }

    static Source<ByteString, NotUsed> of(JournalReader journal, String runId, long from) {
        return of(() -> journal.liveEvents(runId), from, RESTARTS);
    }

    /** @param events a run's events from its first, in journal order, each time it is called */
    static Source<ByteString, NotUsed> of(Supplier<Source<RunEvent, NotUsed>> events, long from,
            RestartSettings restarts) {
        // the offset after the last event sent: where a query that failed is taken up again
        AtomicLong next = new AtomicLong(from);
        return RestartSource.onFailuresWithBackoff(restarts, () -> events.get()
                        .zipWithIndex()
                        .drop(next.get()))
                .map(indexed -> {
                    next.set(indexed.second() + 1);
                    return indexed;
                })
                .takeWhile(p -> !(p.first() instanceof RunCompleted), true)
                .map(EventStream::frame)
                .keepAlive(KEEP_ALIVE, () -> ByteString.fromString(": keep-alive\n\n"));
    }

    private static ByteString frame(Pair<RunEvent, Long> indexed) {
        RunEvent event = indexed.first();
        String manifest = CODEC.manifest(event);
        int slash = manifest.lastIndexOf('/');
        String type = manifest.substring(0, slash);
        Sent sent = new Sent(indexed.second(), type, Integer.parseInt(manifest.substring(slash + 1)), event);
        return ByteString.fromString("id: " + sent.offset() + "\nevent: " + type + "\ndata: " + Json.write(sent)
                + "\n\n");
    }
}
