package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.DispatchPaused;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SlotsResized;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API of a real engine over real HTTP: token, submit, status, pause, resize, drain, events, bad input. */
class ControlApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path state;
    @TempDir
    static Path work;

    private static Slotflow engine;
    private static SlotflowServer server;
    private static ApiClient api;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(200)));
        server = SlotflowServer.start(engine, ServeSettings.loopback(0, ApiToken.inStateDirectory(state))
                .withMaxBodyBytes(64 * 1024).withStopGrace(Duration.ofSeconds(10)));
        base = "http://127.0.0.1:" + server.address().getPort();
        api = new ApiClient(base, ApiToken.inStateDirectory(state).header());
    }

    @AfterAll
    static void stop() {
        server.stop("the test ended");
        engine.close();
    }

    /** {@code groups} independent groups of one spec, each sleeping {@code seconds}, on K = {@code slots}. */
    private static String plan(String name, int slots, int groups, String seconds) {
        String list = IntStream.range(0, groups).mapToObj(i -> "      - id: g" + i + "\n        command: sleep "
                + seconds + "\n        estimate: 1s\n        writes: [area/" + i + "]\n").collect(Collectors.joining());
        return "name: " + name + "\nrun:\n  slots: " + slots + "\nspecs:\n  - id: s\n    groups:\n" + list;
    }

    private static String submitBody(String plan, String runId) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("plan", plan, "planDirectory", work.toString(),
                "runId", runId, "by", "tester"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode status(String runId) {
        return json(api.get("/api/runs/" + runId));
    }

    @Test
    void theTokenIsGeneratedOwnerOnlyAndARequestWithoutItGets401AndNothingElse() throws IOException {
        Path file = state.resolve(ApiToken.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).hasSize(64);
        for (ApiClient stranger : List.of(new ApiClient(base, null), new ApiClient(base, "Bearer wrong-token-0123456789"),
                new ApiClient(base, "Basic " + Files.readString(file).strip()))) {
            HttpResponse<String> runs = stranger.get("/api/runs");
            assertThat(runs.statusCode()).isEqualTo(401);
            assertThat(runs.body()).isEmpty();
            HttpResponse<String> unknown = stranger.post("/api/runs/nope/resize", "{\"slots\": 0}");
            assertThat(unknown.statusCode()).as("401 before any other answer").isEqualTo(401);
            assertThat(unknown.body()).isEmpty();
        }
        assertThat(api.get("/api/runs").statusCode()).isEqualTo(200);
    }

    @Test
    void aRunIsPausedResizedResumedAndItsEventsStreamFromAnyOffset() throws IOException {
        String runId = "controlled";
        HttpResponse<String> submitted = api.post("/api/runs", submitBody(plan("controlled", 1, 6, "0.3"), runId));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(json(submitted).get("runId").asText()).isEqualTo(runId);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("RUNNING"));

        HttpResponse<String> paused = api.post("/api/runs/" + runId + "/pause", "{\"by\": \"alice\", \"reason\": \"deploy\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> status(runId).get("running").isEmpty()
                && status(runId).get("waiting").size() > 0);
        JsonNode st = status(runId);
        assertThat(st.get("paused").asBoolean()).isTrue();
        assertThat(st.get("waiting").get(0).get("reason").asText()).isEqualTo("dispatch is paused");

        HttpResponse<String> resized = api.post("/api/runs/" + runId + "/resize", "{\"slots\": 3, \"by\": \"bob\"}");
        assertThat(resized.statusCode()).as(resized.body()).isEqualTo(202);
        assertThat(json(resized).get("slots").asInt()).isEqualTo(3);
        assertThat(api.post("/api/runs/" + runId + "/resume", "").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));

        List<RunEvent> journal = engine.journal().events(runId);
        assertThat(journal).contains(new DispatchPaused("alice", "deploy",
                journal.stream().filter(e -> e instanceof DispatchPaused).findFirst().orElseThrow().at()));
        assertThat(journal).filteredOn(e -> e instanceof SlotsResized).singleElement()
                .matches(e -> ((SlotsResized) e).by().equals("bob") && ((SlotsResized) e).to() == 3);
        assertThat(peakRunning(journal)).as("K = 3 was used after the resize").isEqualTo(3);

        List<JsonNode> all = stream(runId, "");
        assertThat(all).extracting(e -> e.get("offset").asLong())
                .containsExactlyElementsOf(IntStream.range(0, journal.size()).mapToObj(i -> (long) i).toList());
        assertThat(all.get(all.size() - 1).get("type").asText()).isEqualTo("run-completed");
        assertThat(all).filteredOn(e -> e.get("type").asText().equals("dispatch-paused")).singleElement()
                .matches(e -> e.get("event").get("by").asText().equals("alice"));
        List<JsonNode> resumedAfter5 = stream(runId, "?from=6");
        assertThat(resumedAfter5).isEqualTo(all.subList(6, all.size()));
        List<JsonNode> lastEventId = streamAfter(runId, 5);
        assertThat(lastEventId).isEqualTo(all.subList(6, all.size()));
    }

    private static int peakRunning(List<RunEvent> journal) {
        int running = 0;
        int peak = 0;
        for (RunEvent e : journal) {
            if (e instanceof io.slotflow.event.NodeDispatched) {
                peak = Math.max(peak, ++running);
            } else if (e instanceof io.slotflow.event.SessionFinished) {
                running--;
            }
        }
        return peak;
    }

    private static List<JsonNode> stream(String runId, String query) {
        return frames(api.send(api.request("/api/runs/" + runId + "/events" + query).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static List<JsonNode> streamAfter(String runId, long lastEventId) {
        return frames(api.send(api.request("/api/runs/" + runId + "/events")
                .header("Last-Event-ID", Long.toString(lastEventId)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static List<JsonNode> frames(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                try {
                    events.add(JSON.readTree(line.substring("data: ".length())));
                } catch (IOException e) {
                    throw new AssertionError(line, e);
                }
            }
        }
        return events;
    }

    @Test
    void badInputGetsOneClearLineAndJournalsNothing() throws IOException {
        String runId = "refusing";
        assertThat(api.post("/api/runs", submitBody(plan("refusing", 2, 2, "30"), runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> {
            JsonNode running = status(runId).get("running");
            return running.size() == 2 && running.get(0).hasNonNull("startedAt") && running.get(1).hasNonNull("startedAt");
        });
        int before = engine.journal().events(runId).size();

        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": 3"), 400, "malformed JSON at line 1");
        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": 3, \"k\": 4}"), 400, "unknown field 'k'");
        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": \"many\"}"), 400,
                "field 'slots' has the wrong type");
        assertError(api.post("/api/runs/" + runId + "/resize", "{}"), 400, "field 'slots' is missing");
        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": 0}"), 422,
                "slots must be between 1 and 10000, got 0");
        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": 10001}"), 422,
                "slots must be between 1 and 10000, got 10001");
        assertError(api.post("/api/runs/" + runId + "/pause", "{\"by\": \"x\", " + "\"reason\": \""
                + "x".repeat(70_000) + "\"}"), 413, "larger than the limit");
        assertError(api.post("/api/runs/ghost/pause", "{}"), 404, "no run ghost in this engine");
        assertError(api.get("/api/runs/ghost/events"), 404, "no run ghost in this engine");
        assertError(api.get("/api/elsewhere"), 404, "no such endpoint: /api/elsewhere");
        assertError(api.get("/api/runs/" + runId + "/pause"), 405, "method GET is not allowed here");
        assertError(api.get("/api/runs/" + runId + "/events?from=-1"), 400, "from must be an event offset");
        assertError(api.post("/api/runs", submitBody(plan("refusing", 2, 2, "1"), runId)), 409,
                "run refusing is already running in this engine");
        HttpResponse<String> invalid = api.post("/api/runs", submitBody("name: bad\nrun:\n  slots: 0\nspecs: []\n",
                "bad"));
        assertError(invalid, 422, "the plan has");
        assertThat(json(invalid).get("problems").get(0).asText()).contains("slots");
        assertThat(engine.journal().runIds()).doesNotContain("bad");

        assertThat(engine.journal().events(runId)).as("nothing journaled").hasSize(before);
        HttpResponse<String> cancelled = api.post("/api/runs/" + runId + "/cancel", "{\"by\": \"carol\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("INTERRUPTED"));
        assertThat(engine.journal().events(runId)).filteredOn(e -> e instanceof io.slotflow.event.RunInterrupted)
                .singleElement().matches(e -> ((io.slotflow.event.RunInterrupted) e).by().equals("carol"));
        assertError(api.post("/api/runs/" + runId + "/resize", "{\"slots\": 3}"), 409, "run refusing has ended (interrupted)");
    }

    @Test
    void oneNodeIsCancelledThroughTheApiAndEveryRefusalIsOneLineWithNothingJournaled() throws IOException {
        String runId = "one-cancelled";
        // K = 1: g0 (first: the longest path) holds the slot until the gate opens; g1 waits in the
        // queue; g2 waits for g1
        String plan = "name: one-cancelled\nrun:\n  slots: 1\nspecs:\n  - id: s\n    groups:\n"
                + "      - {id: g0, command: 'while [ ! -f cancel-gate ]; do sleep 0.05; done', writes: [a0]}\n"
                + "      - {id: g1, command: 'true', writes: [a1]}\n"
                + "      - {id: g2, command: 'true', writes: [a2], depends-on: [g1]}\n"
                + "      - {id: g3, command: 'true', writes: [a3], depends-on: [g0]}\n"
                + "      - {id: g4, command: 'true', writes: [a4], depends-on: [g3]}\n";
        assertThat(api.post("/api/runs", submitBody(plan, runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> {
            JsonNode running = status(runId).get("running");
            return running.size() == 1 && running.get(0).hasNonNull("startedAt");
        });
        assertThat(status(runId).get("running").get(0).get("node").asText()).isEqualTo("s:g0");
        int before = engine.journal().events(runId).size();

        assertError(api.post("/api/runs/" + runId + "/nodes/s:nope/cancel", "{}"), 404,
                "run one-cancelled has no node 's:nope'");
        assertError(api.post("/api/runs/ghost/nodes/s:g1/cancel", "{}"), 404, "no run ghost in this engine");
        assertError(api.post("/api/runs/" + runId + "/nodes/s:g1/cancel", "{\"who\": \"x\"}"), 400,
                "unknown field 'who'");
        assertError(api.get("/api/runs/" + runId + "/nodes/s:g1/cancel"), 405, "method GET is not allowed here");
        assertThat(engine.journal().events(runId)).as("nothing journaled").hasSize(before);

        HttpResponse<String> cancelled = api.post("/api/runs/" + runId + "/nodes/s%3Ag1/cancel",
                "{\"by\": \"carol\", \"reason\": \"not needed\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        assertThat(json(cancelled).get("node").asText()).isEqualTo("s:g1");
        int after = engine.journal().events(runId).size();
        assertError(api.post("/api/runs/" + runId + "/nodes/s:g1/cancel", ""), 409,
                "node s:g1 already has its outcome (cancelled); nothing was cancelled");
        assertError(api.post("/api/runs/" + runId + "/nodes/s:g2/cancel", ""), 409,
                "node s:g2 already has its outcome (blocked); nothing was cancelled");
        assertThat(engine.journal().events(runId)).as("nothing journaled").hasSize(after);

        Files.writeString(work.resolve("cancel-gate"), "");
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));
        assertError(api.post("/api/runs/" + runId + "/nodes/s:g0/cancel", ""), 409,
                "node s:g0 already has its outcome (succeeded); nothing was cancelled");
        List<RunEvent> journal = engine.journal().events(runId);
        assertThat(journal).filteredOn(e -> e instanceof io.slotflow.event.NodeCancelled).singleElement()
                .matches(e -> ((io.slotflow.event.NodeCancelled) e).by().equals("carol")
                        && ((io.slotflow.event.NodeCancelled) e).reason().equals("not needed"));
        assertThat(journal).filteredOn(e -> e instanceof io.slotflow.event.NodeDispatched)
                .extracting(e -> ((io.slotflow.event.NodeDispatched) e).node()).containsExactly("s:g0", "s:g3", "s:g4");
        List<JsonNode> streamed = stream(runId, "");
        assertThat(streamed).filteredOn(e -> e.get("type").asText().equals("node-cancelled")).singleElement()
                .matches(e -> e.get("version").asInt() == 1 && e.get("event").get("node").asText().equals("s:g1"));
    }

    @Test
    void aRejectedWorkSourceOutputIsInTheStatusTheDashboardShows() throws IOException {
        String runId = "sourced";
        String plan = """
                name: sourced
                run: {slots: 1}
                categories:
                  fix: {share: 1.0}
                sources:
                  finder: {category: fix, command: 'echo "found 2 things"', retries: 0}
                specs:
                  - {id: f1, category: fix, estimate: 1s, writes: [f1], command: 'true'}
                """;
        assertThat(api.post("/api/runs", submitBody(plan, runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));
        JsonNode problems = status(runId).get("sourceProblems");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).asText()).startsWith("source finder run 1 REJECTED, nothing of it runs: not JSON: ")
                .endsWith("given up (its retries are spent)");
        String dashboard = new String(SlotflowServer.class.getResourceAsStream("dashboard.html").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(dashboard).contains("s.sourceProblems", "id=\"source-problem-list\"");
    }

    @Test
    void metricsGiveEachCategorysSessionsShareNoopRateRespawnsAndSameLockViolations() throws IOException {
        String runId = "routed";
        String plan = """
                name: routed
                run: {slots: 2}
                categories:
                  fix: {share: 0.5, respawn: once}
                  poll: {share: 0.5, parallel: false}
                specs:
                  - {id: f1, category: fix, estimate: 1s, writes: [f1], command: 'true'}
                  - {id: p1, category: poll, estimate: 1s, writes: [p1], command: 'exit "$SLOTFLOW_NOOP_EXIT"'}
                  - {id: p2, category: poll, estimate: 1s, writes: [p2], command: 'exit "$SLOTFLOW_NOOP_EXIT"'}
                """;
        assertThat(api.post("/api/runs", submitBody(plan, runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));
        String done = api.get("/metrics").body();
        assertThat(done).contains(
                "slotflow_category_sessions{category=\"fix\",run=\"routed\"} 2.0",
                "slotflow_category_sessions{category=\"poll\",run=\"routed\"} 2.0",
                "slotflow_category_respawns{category=\"fix\",run=\"routed\"} 1.0",
                "slotflow_category_noop_rate{category=\"poll\",run=\"routed\"} 1.0",
                "slotflow_category_noop_rate{category=\"fix\",run=\"routed\"} 0.0",
                "slotflow_category_target_share{category=\"fix\",run=\"routed\"} 0.5",
                "slotflow_category_same_lock_violations{category=\"poll\",run=\"routed\"} 0.0",
                "slotflow_category_same_lock_violations{category=\"fix\",run=\"routed\"} 0.0")
                .containsPattern("slotflow_category_share\\{category=\"fix\",run=\"routed\"\\} 0\\.[0-9]+")
                .containsPattern("slotflow_category_over_allocation\\{category=\"poll\",run=\"routed\"\\} [0-9.]+")
                .containsPattern("slotflow_category_slot_seconds\\{category=\"fix\",run=\"routed\"\\} [0-9.]+");
    }

    @Test
    void metricsShowTheSlotsTheQueueAndEachSessionInPrometheusText() throws IOException {
        String runId = "metered";
        assertThat(api.post("/api/runs", submitBody(plan("metered", 2, 3, "0.5"), runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> {
            JsonNode running = status(runId).get("running");
            return running.size() == 2 && running.get(0).hasNonNull("startedAt") && running.get(1).hasNonNull("startedAt");
        });
        HttpResponse<String> live = api.get("/metrics");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(live.body()).contains("slotflow_slots{run=\"metered\"} 2.0",
                "slotflow_slots_busy{class=\"implementation\",run=\"metered\"} 2.0",
                "slotflow_slots_free{run=\"metered\"} 0.0",
                "slotflow_ready_nodes{class=\"implementation\",reason=\"no_free_slot\",run=\"metered\"} 1.0",
                "slotflow_paused{run=\"metered\"} 0.0");
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));
        String done = api.get("/metrics").body();
        assertThat(done).contains(
                "slotflow_session_duration_seconds_count{class=\"implementation\",outcome=\"succeeded\",run=\"metered\"} 3",
                "slotflow_dispatch_wait_seconds_count{class=\"implementation\",run=\"metered\"} 3",
                "slotflow_session_start_latency_seconds_count{class=\"implementation\",run=\"metered\"} 3",
                "slotflow_journal_write_seconds_count{run=\"metered\"} 3");
        String buckets = "slotflow_session_duration_seconds_bucket\\{class=\"implementation\",outcome=\"succeeded\","
                + "run=\"metered\",le=";
        assertThat(done).as("three sessions of 0.5 s: none in a bucket below 0.4 s, all in +Inf")
                .doesNotContainPattern(buckets + "\"0\\.[0-3][0-9]*\"\\} [1-9]")
                .containsPattern(buckets + "\"\\+Inf\"\\} 3")
                .doesNotContain("slotflow_slots{run=\"metered\"}");
        assertThat(new ApiClient(base, null).get("/metrics").statusCode()).isEqualTo(401);
        assertThat(done).as("a plan without categories has no category series")
                .doesNotContain("slotflow_category_sessions{category=\"none\",run=\"metered\"}");
        assertThat(done).contains("slotflow_noop_total{run=\"metered\"} 0.0", "slotflow_retries_total{run=\"metered\"} 0.0",
                "slotflow_timeouts_total{run=\"metered\"} 0.0", "slotflow_lost_sessions_total{run=\"metered\"} 0.0");
        // every series the Grafana dashboard in docs/ plots is one the engine exports
        String dashboard = Files.readString(Path.of("..", "docs", "grafana", "slotflow-dashboard.json"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("slotflow_[a-z_]+").matcher(dashboard);
        List<String> used = new ArrayList<>();
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).hasSizeGreaterThan(10);
        String liveAgain = live.body() + done;
        assertThat(used).allSatisfy(name -> assertThat(liveAgain).contains(name));
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(message);
        assertThat(response.body().lines().count()).as("one line").isEqualTo(1);
    }

    private static String specsBody(String specs) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("specs", specs, "source", "more.yaml", "by", "carol"));
    }

    @Test
    void specsAddedToALiveRunAreCheckedAsAPlanIsJournaledAndRun() throws IOException {
        String runId = "grown";
        assertThat(api.post("/api/runs", submitBody(plan("grown", 1, 2, "0.2"), runId)).statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("RUNNING"));
        assertThat(api.post("/api/runs/" + runId + "/pause", "{}").statusCode()).isEqualTo(202);
        // the running session ends and its outcome is recorded: then nothing more is written while paused
        await().atMost(WAIT).until(() -> status(runId).get("running").isEmpty()
                && status(runId).get("waiting").size() > 0);
        int before = engine.journal().events(runId).size();

        // refused whole, one line per problem, nothing journaled
        HttpResponse<String> taken = api.post("/api/runs/" + runId + "/specs", specsBody(
                "specs:\n  - id: s\n    command: \"true\"\n  - id: t\n    depends-on: [nope]\n    command: \"true\"\n"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(422);
        assertThat(json(taken).get("error").asText()).isEqualTo("the addition has 2 problems; nothing was added");
        assertThat(json(taken).get("problems").get(0).asText()).startsWith("more.yaml:2:")
                .contains("spec id 's' is already in the run");
        HttpResponse<String> cycle = api.post("/api/runs/" + runId + "/specs", specsBody(
                "specs:\n  - id: x\n    depends-on: [y]\n    command: \"true\"\n"
                        + "  - id: y\n    depends-on: [x]\n    command: \"true\"\n"));
        assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(422);
        assertThat(cycle.body()).contains("cycle");
        assertThat(api.post("/api/runs/" + runId + "/specs", "{\"specs\": [3]}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/runs/" + runId + "/specs", "{\"spec\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(engine.journal().events(runId)).as("nothing journaled").hasSize(before);

        HttpResponse<String> added = api.post("/api/runs/" + runId + "/specs", specsBody(
                "specs:\n  - id: t\n    depends-on: [s]\n    command: sleep 0.1\n    writes: [t]\n"
                        + "  - id: u\n    command: sleep 0.1\n    writes: [u]\n"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(202);
        assertThat(json(added).get("added").toString()).isEqualTo("[\"t\",\"u\"]");
        assertThat(api.post("/api/runs/" + runId + "/resume", "{}").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> status(runId).get("phase").asText().equals("COMPLETED"));

        List<RunEvent> journal = engine.journal().events(runId);
        assertThat(journal).filteredOn(e -> e instanceof io.slotflow.event.SpecsAdded).singleElement()
                .satisfies(e -> assertThat(((io.slotflow.event.SpecsAdded) e).by()).isEqualTo("carol"));
        assertThat(journal).filteredOn(e -> e instanceof io.slotflow.event.NodeSucceeded)
                .extracting(e -> ((io.slotflow.event.NodeSucceeded) e).node())
                .containsExactlyInAnyOrder("s:g0", "s:g1", "t:0", "u:0");
        assertThat(new io.slotflow.verify.Verifier().check(journal)).isEmpty();
        HttpResponse<String> late = api.post("/api/runs/" + runId + "/specs", specsBody(
                "specs:\n  - id: v\n    command: \"true\"\n"));
        assertThat(late.statusCode()).as("a completed run takes no addition: " + late.body()).isEqualTo(409);
    }
}
