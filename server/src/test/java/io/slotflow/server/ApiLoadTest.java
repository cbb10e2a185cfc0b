package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API under load, smaller than {@code benchmarks.jar api-load}: while a run of 1,000 short
 * sessions goes on, 40 clients ask for its status without pause and 5 subscribers follow its event
 * stream; every stream gets every event of the journal exactly once, in order, and no request fails.
 */
class ApiLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 1000;

    @TempDir
    Path state;

    @Test
    @Tag("slow") // four minutes on two loaded cores
    void everyStreamGetsEveryEventOnceWhileClientsHammerTheApi() throws Exception {
        SessionRunner instant = SessionRunner.of(r -> CompletableFuture.completedFuture(SessionResult.succeeded()));
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), instant)) {
            ApiToken token = ApiToken.inStateDirectory(state);
            SlotflowServer server = SlotflowServer.start(engine, ServeSettings.loopback(0, token)
                    .withMaxBodyBytes(4L * 1024 * 1024));
            try {
                String base = "http://127.0.0.1:" + server.address().getPort();
                HttpClient http = HttpClient.newHttpClient();
                StringBuilder plan = new StringBuilder("name: load\nrun:\n  slots: 8\nspecs:\n");
                for (int s = 0; s < NODES / 100; s++) {
                    plan.append("  - id: s").append(s).append("\n    groups:\n");
                    for (int g = 0; g < 100; g++) {
                        plan.append("      - {id: g").append(g).append(", command: work, writes: [a").append(s)
                                .append('-').append(g).append("]}\n");
                    }
                }
                String body = JSON.writeValueAsString(Map.of("plan", plan.toString(), "planDirectory",
                        state.toString(), "runId", "load"));
                assertThat(http.send(request(base, token, "/api/runs").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

                List<CompletableFuture<List<Long>>> streams = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    streams.add(CompletableFuture.supplyAsync(() -> follow(http, base, token), daemon()));
                }
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger requests = new AtomicInteger();
                AtomicInteger failures = new AtomicInteger();
                List<Thread> clients = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Thread t = new Thread(() -> {
                        while (!done.get()) {
                            try {
                                int status = http.send(request(base, token, "/api/runs/load").GET().build(),
                                        HttpResponse.BodyHandlers.ofString()).statusCode();
                                if (status != 200) {
                                    failures.incrementAndGet();
                                }
                            } catch (Exception e) {
                                failures.incrementAndGet();
                            }
                            requests.incrementAndGet();
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                    clients.add(t);
                }
                CompletableFuture.anyOf(streams.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
                done.set(true);
                for (Thread t : clients) {
                    t.join(60_000);
                }
                List<Long> journal = LongStream.range(0, engine.journal().events("load").size()).boxed().toList();
                assertThat(journal).hasSizeGreaterThan(4 * NODES); // ready, dispatched, started, finished, succeeded
                for (CompletableFuture<List<Long>> stream : streams) {
                    assertThat(stream.get(5, TimeUnit.MINUTES)).as("every event once, in order").isEqualTo(journal);
                }
                assertThat(requests.get()).isGreaterThan(40);
                assertThat(failures.get()).isZero();
            } finally {
                server.stop("the test ended");
            }
        }
    }

    private static List<Long> follow(HttpClient http, String base, ApiToken token) {
        List<Long> ids = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = http.send(request(base, token, "/api/runs/load/events?from=0").GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("id: ")) {
                        ids.add(Long.parseLong(line.substring(4).strip()));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the stream broke after " + ids.size() + " events", e);
        }
        return ids;
    }

    private static HttpRequest.Builder request(String base, ApiToken token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", token.header());
    }

    private static java.util.concurrent.Executor daemon() {
        return command -> {
            Thread t = new Thread(command, "event-stream");
            t.setDaemon(true);
            t.start();
        };
    }
}
