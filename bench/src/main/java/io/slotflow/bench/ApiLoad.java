package io.slotflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.server.ApiToken;
import io.slotflow.server.ServeSettings;
import io.slotflow.server.SlotflowServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control API under load: a served engine runs a plan of {@code nodes} short in-JVM sessions
 * while {@code clients} threads ask for the run's status and the list of runs as fast as the API
 * answers, and {@code subscribers} follow the run's event stream from offset 0 to its end. Reports
 * the API's latency and, for every stream, whether it got each of the run's events exactly once.
 */
public final class ApiLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one load run measured. */
    public record Result(int nodes, int clients, int subscribers, int journalEvents, long requests, int errors,
            double p50Millis, double p99Millis, double maxMillis, Duration runTime, List<StreamCheck> streams,
            Duration processCpu, String loadBefore, String loadAfter) {

        /** Every stream got every event of the journal exactly once, in order. */
        public boolean everyStreamExact() {
            return streams.stream().allMatch(s -> s.missing() == 0 && s.duplicated() == 0 && s.outOfOrder() == 0
                    && s.received() == journalEvents);
        }

        @Override
        public String toString() {
            return String.format("api-load: %d nodes, %d API clients, %d event-stream subscribers: %d requests in %.1f s "
                    + "(%d errors), latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d journal events, every stream "
                    + "exact: %s %s; process CPU %.1f s (engine, server and clients); load average %s before, %s "
                    + "after", nodes, clients, subscribers, requests, runTime.toMillis() / 1000.0, errors,
                    p50Millis, p99Millis, maxMillis, journalEvents, everyStreamExact(), streams,
                    processCpu.toMillis() / 1000.0, loadBefore, loadAfter);
        }
    }

    /** One subscriber's stream: events received, offsets missing, received twice or out of order; reconnections. */
    public record StreamCheck(int received, int missing, int duplicated, int outOfOrder, int reconnects) {
    }

    private ApiLoad() {
    }

    /** A plan of {@code nodes} independent groups, 100 to a spec, each writing its own area, on K = {@code slots}. */
    static String plan(int nodes, int slots) {
        StringBuilder plan = new StringBuilder("name: api-load\nrun:\n  slots: " + slots + "\nspecs:\n");
        for (int spec = 0; spec * 100 < nodes; spec++) {
            plan.append("  - id: s").append(spec).append("\n    groups:\n");
            for (int g = 0; g < 100 && spec * 100 + g < nodes; g++) {
                plan.append("      - {id: g").append(g).append(", command: work, estimate: 1s, writes: [a")
                        .append(spec).append('-').append(g).append("]}\n");
            }
        }
        return plan.toString();
    }

    public static Result run(Path state, int nodes, int clients, int subscribers) throws Exception {
        SessionRunner instant = SessionRunner.of(request -> CompletableFuture.completedFuture(SessionResult.succeeded()));
        Files.createDirectories(state);
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), instant)) {
            ApiToken token = ApiToken.inStateDirectory(state);
            SlotflowServer server = SlotflowServer.start(engine, ServeSettings.loopback(0, token)
                    .withMaxBodyBytes(16L * 1024 * 1024));
            try {
                return load(engine, "http://127.0.0.1:" + server.address().getPort(), token.header(), state,
                        nodes, clients, subscribers);
            } finally {
                server.stop("the load test ended");
            }
        }
    }

    private static Result load(Slotflow engine, String base, String auth, Path state, int nodes, int clients,
            int subscribers) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        String runId = "api-load";
        // the streams are opened before the run exists: each waits for the run, then reads from offset 0
        String body = JSON.writeValueAsString(Map.of("plan", plan(nodes, 16), "planDirectory",
                state.toAbsolutePath().toString(), "runId", runId, "by", "api-load"));
        String loadBefore = loadAverage();
        long cpuBefore = processCpuNanos();
        long begin = System.nanoTime();
        HttpResponse<String> submitted = http.send(request(base, auth, "/api/runs")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 201) {
            throw new IllegalStateException("submit refused (HTTP " + submitted.statusCode() + "): " + submitted.body());
        }
        List<CompletableFuture<Followed>> streams = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            streams.add(CompletableFuture.supplyAsync(() -> follow(http, base, auth, runId), daemonPool("stream-" + i)));
        }
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                for (int n = 0; !done.get(); n++) {
                    String path = (n + client) % 4 == 3 ? "/api/runs" : "/api/runs/" + runId;
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request(base, auth, path).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - t0);
                }
                latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
            }, "api-client-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        // a stream ends after the run's run-completed: the first one to end marks the run's end
        CompletableFuture.anyOf(streams.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        Duration runTime = Duration.ofNanos(System.nanoTime() - begin);
        done.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
        }
        String phase = JSON.readTree(http.send(request(base, auth, "/api/runs/" + runId).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("phase").asText();
        int journal = engine.journal().events(runId).size();
        List<StreamCheck> checks = new ArrayList<>();
        for (CompletableFuture<Followed> s : streams) {
            Followed followed = s.get(5, TimeUnit.MINUTES);
            checks.add(check(followed.ids(), journal, followed.reconnects()));
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (!phase.equals("COMPLETED")) {
            throw new IllegalStateException("the run ended " + phase);
        }
        return new Result(nodes, clients, subscribers, journal, all.length, errors.get(), millis(all, 0.50),
                millis(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, runTime, checks,
                Duration.ofNanos(processCpuNanos() - cpuBefore), loadBefore, loadAverage());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The one-, five- and fifteen-minute load averages, as uptime shows them. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * The offsets one subscriber received, reading the stream until it ends (after run-completed).
     * Like a browser's EventSource, a subscriber whose connection failed (on a starved machine a
     * connect can time out) connects again with {@code Last-Event-ID}; the reconnections are counted.
     */
    private static Followed follow(HttpClient http, String base, String auth, String runId) {
        List<Long> ids = new ArrayList<>();
        int reconnects = 0;
        while (true) {
            try {
                HttpRequest.Builder asked = request(base, auth, "/api/runs/" + runId + "/events" + (ids.isEmpty()
                        ? "?from=0" : "")).timeout(Duration.ofMinutes(30)).GET();
                if (!ids.isEmpty()) {
                    asked.header("Last-Event-ID", Long.toString(ids.get(ids.size() - 1)));
                }
                HttpResponse<InputStream> response = http.send(asked.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("stream refused: HTTP " + response.statusCode());
                }
                boolean completed = false;
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    Long pending = null; // an event counts once its frame is whole (the blank line after it)
                    boolean last = false;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("id: ")) {
                            pending = Long.parseLong(line.substring(4).strip());
                        } else if (line.equals("event: run-completed")) {
                            last = true;
                        } else if (line.isEmpty() && pending != null) {
                            ids.add(pending);
                            pending = null;
                            completed = last;
                        }
                    }
                }
                if (completed) {
                    return new Followed(ids, reconnects);
                }
                throw new IllegalStateException("the stream ended before run-completed");
            } catch (Exception e) {
                if (++reconnects > MAX_RECONNECTS) {
                    throw new IllegalStateException("stream failed " + reconnects + " times, after " + ids.size()
                            + " events", e);
                }
            }
        }
    }

    private static final int MAX_RECONNECTS = 50;

    /** What one subscriber received, and how many times it connected again. */
    private record Followed(List<Long> ids, int reconnects) {
    }

    static StreamCheck check(List<Long> ids, int journalEvents, int reconnects) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int duplicated = 0;
        int outOfOrder = 0;
        long last = -1;
        for (long id : ids) {
            if (!seen.add(id)) {
                duplicated++;
            }
            if (id <= last) {
                outOfOrder++;
            }
            last = Math.max(last, id);
        }
        int missing = 0;
        for (long i = 0; i < journalEvents; i++) {
            if (!seen.contains(i)) {
                missing++;
            }
        }
        return new StreamCheck(ids.size(), missing, duplicated, outOfOrder, reconnects);
    }

    private static HttpRequest.Builder request(String base, String auth, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", auth).header("Content-Type", "application/json");
    }

    private static java.util.concurrent.Executor daemonPool(String name) {
        return command -> {
            Thread t = new Thread(command, name);
            t.setDaemon(true);
            t.start();
        };
    }
}
