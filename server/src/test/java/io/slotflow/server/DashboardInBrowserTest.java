package io.slotflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.Slotflow;
import io.slotflow.engine.runner.ProcessRunner;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionStarted;
import io.slotflow.event.SlotsResized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser against a real engine: it shows a session within a second of the
 * session's start, and a resize clicked on the page reaches the journal; its timeline draws a session
 * once it started, and a click on it shows the last lines the session printed. Skipped without Chromium,
 * unless {@code SLOTFLOW_REQUIRE_BROWSER} is set (as {@code .ci/run} does), when it fails.
 */
class DashboardInBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void thePageShowsSessionsAsTheyStartItsResizeIsJournaledAndASessionsLogIsOneClickAway() throws Exception {
        if (!Files.isExecutable(Chromium.BINARY)) {
            String why = "Chromium not found at " + Chromium.BINARY + ": the browser test did not run "
                    + "(apt-get install chromium)";
            assertThat(System.getenv("SLOTFLOW_REQUIRE_BROWSER")).as(why).isNull();
            Assumptions.abort(why);
        }
        Path state = dir.resolve("state");
        ApiToken token = ApiToken.inStateDirectory(state);
        String plan = "name: dash\nrun:\n  slots: 1\nspecs:\n  - id: s\n    groups:\n"
                + "      - {id: a, command: sleep 2, estimate: 2s, writes: [a]}\n"
                + "      - {id: b, command: sleep 1, estimate: 1s, writes: [b], depends-on: [a]}\n"
                + "      - {id: c, command: sleep 1, estimate: 1s, writes: [c], depends-on: [b]}\n"
                + "      - {id: d, command: 'echo hello-from-d; sleep 60', estimate: 1s, writes: [d], depends-on: [c]}\n";
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(state), new ProcessRunner(Duration.ofMillis(200)))) {
            SlotflowServer server = SlotflowServer.start(engine, ServeSettings.loopback(0, token)
                    .withStopGrace(Duration.ofMillis(100)));
            String base = "http://127.0.0.1:" + server.address().getPort();
            ApiClient api = new ApiClient(base, token.header());
            String secret = token.header().substring("Bearer ".length());
            try (Chromium page = Chromium.open(base + "/dashboard?token=" + secret, dir.resolve("profile"))) {
                // the page is up and following before the run starts: a cold browser's start is not the page's delay
                await().atMost(WAIT).until(() -> page.evaluate("document.getElementById('runs').textContent")
                        .equals("no runs yet"));
                // the page's own clock says when it first showed each node running (not "starting"); the
                // test's polling and its DevTools round trips are no part of what is measured
                page.evaluate("window.shownAt = {}; new MutationObserver(() => {"
                        + " for (const r of document.querySelectorAll('#slots tr')) {"
                        + " const c = [...r.cells].map(c => c.textContent);"
                        + " if (c.length >= 4 && c[2] && c[3] !== 'starting' && !(c[2] in window.shownAt))"
                        + " window.shownAt[c[2]] = Date.now(); } })"
                        + ".observe(document.getElementById('slots'), {childList: true, subtree: true,"
                        + " characterData: true}); 'ok'");
                assertThat(api.post("/api/runs", new ObjectMapper().writeValueAsString(Map.of("plan", plan,
                        "planDirectory", dir.toString(), "runId", "dash"))).statusCode()).isEqualTo(201);
                Map<String, Instant> seen = new HashMap<>();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                    for (String node : List.of("s:b", "s:c")) {
                        String millis = page.evaluate("String(window.shownAt['" + node + "'] ?? '')");
                        if (!millis.isEmpty()) {
                            seen.putIfAbsent(node, Instant.ofEpochMilli(Long.parseLong(millis)));
                        }
                    }
                    return seen.size() == 2;
                });
                List<RunEvent> journal = engine.journal().events("dash");
                for (String node : List.of("s:b", "s:c")) {
                    Instant started = journal.stream().filter(e -> e instanceof SessionStarted s && s.node().equals(node))
                            .findFirst().orElseThrow().at();
                    assertThat(Duration.between(started, seen.get(node))).as(node + " shown after its start")
                            .isLessThan(Duration.ofSeconds(1));
                }
                assertThat(page.evaluate("document.getElementById('headline').textContent")).startsWith("dash · running · K = 1");

                page.evaluate("document.getElementById('k').value = '2'; document.getElementById('resize').click(); 'ok'");
                await().atMost(WAIT).until(() -> engine.journal().events("dash").stream()
                        .anyMatch(e -> e instanceof SlotsResized r && r.to() == 2 && r.by().equals("dashboard")));
                await().atMost(WAIT).until(() -> page.evaluate("document.getElementById('headline').textContent")
                        .contains("K = 2"));
                // the timeline so far draws s:d's session once it started; clicking it shows what it printed
                await().atMost(WAIT).until(() -> engine.journal().events("dash").stream()
                        .anyMatch(e -> e instanceof SessionStarted s && s.node().equals("s:d")));
                await().atMost(WAIT).until(() -> page.evaluate("String(document.querySelectorAll("
                        + "'#timeline rect.bar.running[data-node=\"s:d\"]').length)").equals("1"));
                assertThat(page.evaluate("String(document.querySelectorAll('#timeline rect.bar[data-node=\"s:c\"]"
                        + ":not(.running)').length)")).as("s:c's ended session stays drawn").isEqualTo("1");
                page.evaluate("document.querySelector('#timeline rect.bar[data-node=\"s:d\"]')"
                        + ".dispatchEvent(new MouseEvent('click', {bubbles: true})); 'ok'");
                await().atMost(WAIT).until(() -> page.evaluate("document.getElementById('log').textContent")
                        .contains("hello-from-d"));
                assertThat(page.evaluate("document.getElementById('log-note').textContent")).startsWith("attempt 1");
                // then the running slot's own control cancels its node alone
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> page.evaluate(
                        "(() => { const r = [...document.querySelectorAll('#slots tr')].find(r => r.cells[2]"
                        + " && r.cells[2].textContent === 's:d'); const b = r && r.querySelector('button.cancel-node');"
                        + " if (b) b.click(); return b ? 'clicked' : 'not yet'; })()").equals("clicked"));
                await().atMost(WAIT).until(() -> engine.journal().events("dash").stream()
                        .anyMatch(e -> e instanceof io.slotflow.event.NodeCancelled c && c.node().equals("s:d")
                                && c.by().equals("dashboard")));
                assertThat(page.evaluate("document.cookie")).as("the token is not readable by scripts").isEmpty();
            } finally {
                server.stop("the test ended");
            }
        }
    }
}
