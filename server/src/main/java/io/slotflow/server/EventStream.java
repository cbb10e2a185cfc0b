package io.slotflow.server;

import io.slotflow.event.EventCodec;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import java.time.Duration;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A run's events as server-sent events, in journal order. Each event's {@code id} is its offset in
 * the run (0 for {@code plan-accepted}); a client that reconnects with {@code Last-Event-ID: n} (or
 * {@code ?from=n+1}) gets every event after it, none twice. The stream ends after {@code run-completed}.
 */
final class EventStream {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final EventCodec CODEC = EventCodec.standard();

    /** One event as the stream sends it (its {@code data}). */
    record Sent(long offset, String type, int version, RunEvent event) {
    }

    private EventStream() {
    }

    static Source<ByteString, NotUsed> of(JournalReader journal, String runId, long from) {
        return journal.liveEvents(runId)
                .zipWithIndex()
                .drop(from)
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
