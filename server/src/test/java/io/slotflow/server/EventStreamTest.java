package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A journal query that fails mid-stream (as the read journal's ask times out on a busy machine)
 * does not cut the client off: the stream goes on after the last event sent, none lost, none twice.
 */
class EventStreamTest {

    private static final RestartSettings QUICK = RestartSettings.create(Duration.ofMillis(10),
            Duration.ofMillis(50), 0).withMaxRestarts(5, Duration.ofMinutes(1));
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "event-stream-test");
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    private static List<RunEvent> events(int n) {
        List<RunEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new RunResumed(Instant.ofEpochSecond(i)));
        }
        return events;
    }

    /** The run's events from the first, failing after {@code failAfter[k]} of them on the k-th query. */
    private static Source<RunEvent, NotUsed> query(List<RunEvent> events, AtomicInteger queries, int... failAfter) {
        int k = queries.getAndIncrement();
        Source<RunEvent, NotUsed> all = Source.from(events);
        if (k >= failAfter.length) {
            return all.concat(Source.never()); // a live query never ends by itself
        }
        return all.take(failAfter[k]).concat(Source.failed(new IllegalStateException("ask timed out")));
    }

    private static List<Long> ids(Source<ByteString, NotUsed> stream, int count) throws Exception {
        String text = stream.take(count).runWith(Sink.fold("", (acc, b) -> acc + b.utf8String()), system)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void failedQueriesAreTakenUpAfterTheLastEventSent() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        List<RunEvent> events = events(10);
        List<Long> got = ids(EventStream.of(() -> query(events, queries, 3, 7, 0), 0, QUICK), 10);
        assertThat(got).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(queries.get()).as("three failed queries, then one that held").isEqualTo(4);
    }

    @Test
    void aStreamFromAnOffsetFailingBeforeItStartsGetsEveryLaterEventOnce() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        List<RunEvent> events = events(10);
        List<Long> got = ids(EventStream.of(() -> query(events, queries, 2, 6), 4, QUICK), 6);
        assertThat(got).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
    }
}
