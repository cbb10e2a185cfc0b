package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's timeline so far and a node's log tail, over real HTTP from a real engine running real
 * processes: what a session printed, capped, and one clear 4xx line for what is not there.
 */
class TimelineAndLogApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RUN = "logged";

    @TempDir
    static Path state;
    @TempDir
    static Path work;

    private static Slotflow engine;
    private static SlotflowServer server;
    private static ApiClient api;

    /** K = 1: s:talk prints 1,500 numbered lines (and one to stderr) and stays; s:later waits for the slot. */
    @BeforeAll
    static void serve() throws IOException {
        engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(200)));
        server = SlotflowServer.start(engine, ServeSettings.loopback(0, ApiToken.inStateDirectory(state))
                .withStopGrace(Duration.ofSeconds(10)));
        api = new ApiClient("http://127.0.0.1:" + server.address().getPort(), ApiToken.inStateDirectory(state).header());
        String plan = "name: logged\nrun:\n  slots: 1\nspecs:\n  - id: s\n    groups:\n"
                + "      - {id: talk, command: 'seq 1 1500; echo oops >&2; sleep 600', estimate: 1s, writes: [a]}\n"
                + "      - {id: later, command: 'true', estimate: 1s, writes: [b]}\n";
        HttpResponse<String> submitted = api.post("/api/runs", JSON.writeValueAsString(Map.of("plan", plan,
                "planDirectory", work.toString(), "runId", RUN, "by", "tester")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> {
            HttpResponse<String> log = api.get("/api/runs/" + RUN + "/nodes/s:talk/log?lines=1");
            return log.statusCode() == 200 && json(log).get("lines").toString().equals("[\"1500\"]");
        });
    }

    @AfterAll
    static void stop() {
        api.post("/api/runs/" + RUN + "/cancel", "{}");
        server.stop("the test ended");
        engine.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static List<String> lines(JsonNode log) {
        List<String> lines = new ArrayList<>();
        log.get("lines").forEach(l -> lines.add(l.asText()));
        return lines;
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(message);
        assertThat(response.body().lines().count()).as("one line").isEqualTo(1);
    }

    @Test
    void theLogTailIsTheLastLinesTheSessionPrintedAndAskingMoreIsCapped() {
        HttpResponse<String> tail = api.get("/api/runs/" + RUN + "/nodes/s:talk/log");
        assertThat(tail.statusCode()).as(tail.body()).isEqualTo(200);
        JsonNode log = json(tail);
        assertThat(log.get("node").asText()).isEqualTo("s:talk");
        assertThat(log.get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get("stream").asText()).isEqualTo("out");
        assertThat(log.get("earlier").asBoolean()).isTrue();
        assertThat(lines(log)).as("100 by default").hasSize(100).startsWith("1401").endsWith("1500");

        JsonNode capped = json(api.get("/api/runs/" + RUN + "/nodes/s:talk/log?lines=5000"));
        assertThat(lines(capped)).as("capped at " + TimelineAndLogRoutes.MAX_LINES)
                .hasSize(TimelineAndLogRoutes.MAX_LINES).startsWith("501").endsWith("1500");

        JsonNode err = json(api.get("/api/runs/" + RUN + "/nodes/s:talk/log?stream=err"));
        assertThat(lines(err)).containsExactly("oops");
        assertThat(err.get("earlier").asBoolean()).isFalse();
    }

    @Test
    void whatIsNotThereGetsOneClearLine() {
        assertError(api.get("/api/runs/nope/nodes/s:talk/log"), 404, "no run nope");
        assertError(api.get("/api/runs/" + RUN + "/nodes/s:nope/log"), 404, "run logged has no node s:nope");
        assertError(api.get("/api/runs/" + RUN + "/nodes/s:later/log"), 404,
                "node s:later has no log yet: no session of it has started");
        assertError(api.get("/api/runs/" + RUN + "/nodes/s:talk/log?lines=0"), 400, "lines must be a whole number");
        assertError(api.get("/api/runs/" + RUN + "/nodes/s:talk/log?lines=many"), 400, "got 'many'");
        assertError(api.get("/api/runs/" + RUN + "/nodes/s:talk/log?stream=both"), 400, "stream must be 'out'");
        assertError(api.post("/api/runs/" + RUN + "/nodes/s:talk/log", "{}"), 405, "method POST is not allowed");
        assertError(api.get("/api/runs/nope/timeline"), 404, "no run nope");
        assertError(api.get("/api/runs/" + RUN + "/timeline?limit=-3"), 400, "limit must be a whole number");
    }

    @Test
    void theTimelineShowsTheRunningSessionInItsSlot() {
        JsonNode timeline = json(api.get("/api/runs/" + RUN + "/timeline"));
        assertThat(timeline.get("runId").asText()).isEqualTo(RUN);
        assertThat(timeline.get("slots").asInt()).isEqualTo(1);
        assertThat(timeline.get("sessions").asInt()).isEqualTo(1);
        JsonNode bar = timeline.get("bars").get(0);
        assertThat(bar.get("node").asText()).isEqualTo("s:talk");
        assertThat(bar.get("slot").asInt()).isZero();
        assertThat(bar.get("end").isNull()).as("still running").isTrue();
        assertThat(bar.get("outcome").isNull()).isTrue();
        assertThat(timeline.get("start").asText()).isNotEmpty();
        assertThat(java.time.Instant.parse(timeline.get("now").asText()))
                .isAfter(java.time.Instant.parse(bar.get("start").asText()));
    }
}
