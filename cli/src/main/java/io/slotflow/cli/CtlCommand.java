package io.slotflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotflow.server.ApiToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code slotflow ctl …}: the control API of a served engine from the terminal, one subcommand per
 * call. Prints the answer's JSON; a refusal prints its one line (and a plan's problems, one a line).
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = "Control a served engine (slotflow serve): submit, add, runs, status, pause, resume, resize, drain, "
                + "cancel, events.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class CtlCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the engine is and how to be let in. */
    static final class Target {
        @Option(names = "--server", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
                description = "The engine's API, e.g. http://127.0.0.1:7460. Default: what the engine serving "
                        + "--state-dir wrote in it, else http://127.0.0.1:" + ServeCommand.DEFAULT_PORT + ".")
        String server;

        @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".slotflow",
                scope = picocli.CommandLine.ScopeType.INHERIT,
                description = "The served engine's state directory (default: ${DEFAULT-VALUE}).")
        Path stateDir;

        @Option(names = "--token-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
                description = "The API token. Default: <state-dir>/api-token.")
        Path tokenFile;
    }

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing a subcommand: submit, add, runs, status, pause, resume, resize, drain, cancel, events");
    }

    @Command(name = "submit", description = "Start a run of PLAN (a run id in the journal resumes it).")
    int submit(@Parameters(paramLabel = "PLAN") Path plan,
            @Option(names = "--run-id", paramLabel = "ID", description = "Names the run.") String runId) throws IOException {
        if (!Files.isRegularFile(plan)) {
            throw new Main.UserError("no plan file " + plan, ExitCode.INVALID);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", Files.readString(plan, StandardCharsets.UTF_8));
        body.put("planDirectory", plan.toAbsolutePath().normalize().getParent().toString());
        body.put("source", plan.getFileName().toString());
        if (runId != null) {
            body.put("runId", runId);
        }
        body.put("by", by());
        return call("POST", "/api/runs", JSON.writeValueAsString(body));
    }

    @Command(name = "add", description = "Add the specs of FILE (a document with a 'specs' list, written as in a "
            + "plan) to the live RUN; checked as a plan file is, refused whole with one line per problem.")
    int add(@Parameters(index = "0", paramLabel = "RUN") String run,
            @Parameters(index = "1", paramLabel = "FILE") Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Main.UserError("no file " + file, ExitCode.INVALID);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specs", Files.readString(file, StandardCharsets.UTF_8));
        body.put("source", file.getFileName().toString());
        body.put("by", by());
        return call("POST", "/api/runs/" + run + "/specs", JSON.writeValueAsString(body));
    }

    @Command(name = "runs", description = "The engine's runs.")
    int runs() {
        return call("GET", "/api/runs", null);
    }

    @Command(name = "status", description = "A run's slots, what waits and why, what is done.")
    int status(@Parameters(paramLabel = "RUN") String run) {
        return call("GET", "/api/runs/" + run, null);
    }

    @Command(name = "pause", description = "Start nothing new in RUN; the running sessions go on.")
    int pause(@Parameters(paramLabel = "RUN") String run,
            @Option(names = "--reason", paramLabel = "TEXT") String reason) throws IOException {
        return control(run, "pause", reason);
    }

    @Command(name = "resume", description = "Dispatch again after a pause.")
    int resume(@Parameters(paramLabel = "RUN") String run) throws IOException {
        return control(run, "resume", null);
    }

    @Command(name = "drain", description = "Finish what runs, start nothing more; the run then stops.")
    int drain(@Parameters(paramLabel = "RUN") String run,
            @Option(names = "--reason", paramLabel = "TEXT") String reason) throws IOException {
        return control(run, "drain", reason);
    }

    @Command(name = "cancel", description = "Stop RUN now: its running sessions are cancelled. With --node, "
            + "cancel that one node only: it never runs (its session, if it has one, is stopped), its dependents "
            + "are blocked, the rest of the run goes on.")
    int cancel(@Parameters(paramLabel = "RUN") String run,
            @Option(names = "--node", paramLabel = "NODE", description = "Cancel only this node (spec:group).")
            String node,
            @Option(names = "--reason", paramLabel = "TEXT") String reason) throws IOException {
        if (node != null) {
            return control(run, "nodes/" + java.net.URLEncoder.encode(node, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/cancel", reason);
        }
        return control(run, "cancel", reason);
    }

    @Command(name = "resize", description = "Set RUN's K; a smaller K stops no session, the pool shrinks as they end.")
    int resize(@Parameters(index = "0", paramLabel = "RUN") String run,
            @Parameters(index = "1", paramLabel = "K") int slots) throws IOException {
        return call("POST", "/api/runs/" + run + "/resize", JSON.writeValueAsString(Map.of("slots", slots, "by", by())));
    }

    @Command(name = "events", description = "Follow RUN's events (one JSON line each) until it completes.")
    int events(@Parameters(paramLabel = "RUN") String run,
            @Option(names = "--from", paramLabel = "OFFSET", defaultValue = "0",
                    description = "The first event's offset (default: ${DEFAULT-VALUE}).") long from) {
        HttpRequest request = request("/api/runs/" + run + "/events?from=" + from).GET().build();
        HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        PrintWriter out = spec.commandLine().getOut();
        if (response.statusCode() != 200) {
            return refused(response.statusCode(), response.body().reduce("", String::concat));
        }
        response.body().filter(l -> l.startsWith("data: ")).forEach(l -> {
            out.println(l.substring("data: ".length()));
            out.flush();
        });
        return ExitCode.OK;
    }

    private int control(String run, String action, String reason) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", by());
        if (reason != null) {
            body.put("reason", reason);
        }
        return call("POST", "/api/runs/" + run + "/" + action, JSON.writeValueAsString(body));
    }

    private static String by() {
        return System.getProperty("user.name", "ctl") + " (slotflow ctl)";
    }

    private int call(String method, String path, String body) {
        HttpRequest.Builder builder = request(path);
        HttpRequest request = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody()).build()
                : builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            return refused(response.statusCode(), response.body());
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(response.body())));
        } catch (IOException e) {
            out.println(response.body());
        }
        return ExitCode.OK;
    }

    private int refused(int status, String body) {
        if (status == 401) {
            throw new Main.UserError("the engine refused the token (401): check --token-file", ExitCode.INVALID);
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            JsonNode json = JSON.readTree(body);
            if (json.has("problems")) {
                json.get("problems").forEach(p -> err.println(p.asText()));
            }
            err.println("slotflow: " + json.path("error").asText("HTTP " + status) + " (HTTP " + status + ")");
        } catch (IOException e) {
            err.println("slotflow: HTTP " + status);
        }
        err.flush();
        return status >= 500 ? ExitCode.JOURNAL : ExitCode.INVALID;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request, handler);
        } catch (ConnectException e) {
            throw new Main.UserError("cannot reach the engine at " + server() + ": is slotflow serve running?",
                    ExitCode.JOURNAL);
        } catch (IOException e) {
            throw new Main.UserError("the engine at " + server() + " did not answer: " + e.getMessage(), ExitCode.JOURNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Main.UserError("interrupted", ExitCode.INTERRUPTED);
        }
    }

    private String server() {
        if (target.server != null) {
            return target.server.replaceAll("/+$", "");
        }
        Path address = target.stateDir.resolve(ServeCommand.ADDRESS_FILE);
        try {
            if (Files.isRegularFile(address)) {
                return Files.readString(address).strip();
            }
        } catch (IOException e) {
            // the default below
        }
        return "http://127.0.0.1:" + ServeCommand.DEFAULT_PORT;
    }

    private String token() {
        Path file = target.tokenFile != null ? target.tokenFile : target.stateDir.resolve(ApiToken.FILE_NAME);
        try {
            return ApiToken.of(Files.readString(file, StandardCharsets.UTF_8).strip()).header();
        } catch (IOException | IllegalArgumentException e) {
            throw new Main.UserError("cannot read the API token from " + file + ": " + e.getMessage(), ExitCode.INVALID);
        }
    }
}
