package io.slotflow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol: open a page,
 * evaluate JavaScript in it. Offline flags and a fresh profile, as docs/DESIGN ask.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("SLOTFLOW_CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    static Chromium open(String url, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        String devtools = null;
        while (devtools == null && (line = err.readLine()) != null) {
            if (line.startsWith("DevTools listening on ")) {
                devtools = line.substring("DevTools listening on ".length()).strip();
            }
        }
        if (devtools == null) {
            throw new IllegalStateException("chromium did not start its DevTools server");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(devtools);
        HttpClient http = HttpClient.newHttpClient();
        String wsPage = null;
        for (int i = 0; i < 100 && wsPage == null; i++) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost()
                    + ":" + browser.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    wsPage = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (wsPage == null) {
                Thread.onSpinWait();
            }
        }
        Chromium[] self = new Chromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(wsPage), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    self[0].received(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).join();
        self[0] = new Chromium(process, socket);
        return self[0];
    }

    private void received(String message) {
        try {
            JsonNode json = JSON.readTree(message);
            if (json.has("id")) {
                CompletableFuture<JsonNode> waiting = pending.remove(json.get("id").asInt());
                if (waiting != null) {
                    waiting.complete(json);
                }
            }
        } catch (IOException e) {
            // not for us
        }
    }

    /** Evaluates {@code expression} in the page and returns its value as text. */
    String evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate", "params",
                Map.of("expression", expression, "returnByValue", true))), true).join();
        JsonNode result = answer.get(30, TimeUnit.SECONDS);
        return result.path("result").path("result").path("value").asText();
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

}
