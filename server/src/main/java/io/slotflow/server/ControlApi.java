package io.slotflow.server;

import io.slotflow.engine.ControlRefused;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunStatus;
import io.slotflow.engine.Slotflow;
import io.slotflow.persistence.JournalUnavailableException;
import io.slotflow.persistence.RunHeldException;
import io.slotflow.plan.InvalidPlanException;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.PlanProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API: every request is checked for the bearer token first (401 and nothing else
 * without it), then routed. Each refusal is one {@link ApiError}: a status and one line; nothing
 * is journaled for it. See docs/api.md.
 */
final class ControlApi implements Function<HttpRequest, CompletionStage<HttpResponse>> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final long BODY_TIMEOUT_MILLIS = 10_000;
    private static final String COOKIE = "slotflow_token";
    private static final HttpResponse UNAUTHORIZED = HttpResponse.create().withStatus(StatusCodes.UNAUTHORIZED)
            .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"slotflow\""));

    private final Slotflow engine;
    private final ServedRuns runs;
    private final EngineMetrics metrics;
    private final ServeSettings settings;
    private final Materializer materializer;
    /** Where the API's blocking work runs (a submission), never on the server's own threads. */
    private final java.util.concurrent.Executor blocking;
    private final TimelineAndLogRoutes timelineAndLogs;

    ControlApi(Slotflow engine, ServedRuns runs, EngineMetrics metrics, ServeSettings settings) {
        this.engine = engine;
        this.runs = runs;
        this.metrics = metrics;
        this.settings = settings;
        this.materializer = Materializer.matFromSystem(engine.actorSystem());
        this.blocking = engine.actorSystem().dispatchers().lookup(
                org.apache.pekko.actor.typed.DispatcherSelector.fromConfig("slotflow.api-blocking-dispatcher"));
        this.timelineAndLogs = new TimelineAndLogRoutes(runs, engine.settings()::logDirectory, blocking,
                engine.settings().clock());
    }

    @Override
    public CompletionStage<HttpResponse> apply(HttpRequest request) {
        Optional<String> authorization = request.getHeader("Authorization").map(h -> h.value());
        if (!settings.token().admits(authorization.orElse(null)) && !settings.token().admits(cookie(request))) {
            request.discardEntityBytes(materializer);
            Optional<String> given = request.getUri().query().get("token");
            if (request.getUri().path().equals("/dashboard") && given.isPresent()
                    && settings.token().admits("Bearer " + given.get())) {
                // a browser opens the dashboard once with the token; it then holds it in a cookie
                // scripts cannot read, and the address bar no longer shows it
                return CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.SEE_OTHER)
                        .addHeader(RawHeader.create("Set-Cookie", COOKIE + "=" + given.get()
                                + "; HttpOnly; SameSite=Strict; Path=/"))
                        .addHeader(RawHeader.create("Location", "/dashboard")));
            }
            return CompletableFuture.completedFuture(UNAUTHORIZED);
        }
        CompletionStage<HttpResponse> response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.exceptionally(e -> {
            request.discardEntityBytes(materializer);
            return failure(e);
        });
    }

    private CompletionStage<HttpResponse> route(HttpRequest request) {
        List<String> path = segments(request.getUri().path());
        String method = request.method().name();
        if (path.equals(List.of("dashboard"))) {
            requireMethod(method, "GET");
            return CompletableFuture.completedFuture(HttpResponse.create().withEntity(HttpEntities.create(
                    ContentTypes.TEXT_HTML_UTF8, Dashboard.html())));
        }
        if (path.equals(List.of("metrics"))) {
            requireMethod(method, "GET");
            return metrics.scrape(runs.all()).thenApply(text -> HttpResponse.create().withEntity(HttpEntities.create(
                    ContentTypes.TEXT_PLAIN_UTF8, text)));
        }
        if (path.size() < 2 || !path.get(0).equals("api") || !path.get(1).equals("runs")) {
            throw ApiError.notFound("no such endpoint: " + request.getUri().path() + " (see docs/api.md)");
        }
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> summaries(runs.all());
                // a submission reads the run's journal and takes its lease: blocking work, on threads of its own
                case "POST" -> body(request).thenApplyAsync(this::submit, blocking);
                default -> throw notAllowed(method, "GET, POST");
            };
        }
        String runId = path.get(2);
        if (path.size() == 3) {
            requireMethod(method, "GET");
            return runs.get(runId).statusAsync().thenApply(s -> Json.response(200, RunViews.status(s)));
        }
        if (TimelineAndLogRoutes.serves(path)) {
            requireMethod(method, "GET");
            return timelineAndLogs.answer(path, request);
        }
        if (path.size() == 6 && path.get(3).equals("nodes") && path.get(5).equals("cancel")) {
            requireMethod(method, "POST");
            RunHandle run = runs.get(runId);
            String node = path.get(4);
            return body(request).thenCompose(b -> {
                Requests.Control c = Requests.read(b, Requests.Control.class);
                String reason = c.reason() != null && !c.reason().isBlank() ? c.reason() : "cancelled through the API";
                return run.cancelNode(node, Requests.by(c.by()), reason);
            }).thenApply(v -> Json.response(202, Map.of("runId", run.runId(), "node", node, "cancelled", true)));
        }
        if (path.size() > 4) {
            throw ApiError.notFound("no such endpoint: " + request.getUri().path() + " (see docs/api.md)");
        }
        String action = path.get(3);
        if (action.equals("events")) {
            requireMethod(method, "GET");
            return events(request, runId);
        }
        requireMethod(method, "POST");
        RunHandle run = runs.get(runId);
        return switch (action) {
            case "pause" -> body(request).thenCompose(b -> {
                Requests.Control c = Requests.read(b, Requests.Control.class);
                return run.pause(Requests.by(c.by()), c.reason() == null ? "" : c.reason());
            }).thenCompose(v -> accepted(run));
            case "resume" -> body(request).thenCompose(b -> {
                Requests.Control c = Requests.read(b, Requests.Control.class);
                return run.resumeDispatch(Requests.by(c.by()));
            }).thenCompose(v -> accepted(run));
            case "resize" -> body(request).thenCompose(b -> {
                Requests.Resize r = Requests.read(b, Requests.Resize.class);
                if (r.slots() == null) {
                    throw ApiError.badRequest("field 'slots' is missing");
                }
                return run.resize(r.slots(), Requests.by(r.by()));
            }).thenCompose(v -> accepted(run));
            case "specs" -> body(request).thenCompose(b -> addSpecs(run, Requests.read(b, Requests.AddSpecs.class)));
            case "drain", "cancel" -> body(request).thenCompose(b -> stop(run, action.equals("cancel"),
                    Requests.read(b, Requests.Control.class)));
            default -> throw ApiError.notFound("no such action '" + action + "' (pause, resume, resize, specs, "
                    + "drain, cancel, events)");
        };
    }

    private HttpResponse submit(String body) {
        Requests.Submit s = Requests.read(body, Requests.Submit.class);
        if (s.plan() == null || s.plan().isBlank()) {
            throw ApiError.badRequest("field 'plan' is missing: the plan's YAML or JSON text");
        }
        if (s.planDirectory() == null || !Path.of(s.planDirectory()).isAbsolute()
                || !Files.isDirectory(Path.of(s.planDirectory()))) {
            throw ApiError.badRequest("field 'planDirectory' must be an absolute path of a directory on the "
                    + "engine's machine (where the plan's relative paths resolve)");
        }
        String source = s.source() == null || s.source().isBlank() ? "plan.yaml" : Path.of(s.source()).getFileName()
                .toString();
        Path directory = Path.of(s.planDirectory()).normalize();
        Plan plan;
        try {
            plan = PlanParser.parse(s.plan(), source, directory);
        } catch (InvalidPlanException invalid) {
            int n = invalid.problems().size();
            throw new ApiError(422, "the plan has " + n + " problem" + (n == 1 ? "" : "s") + "; nothing was run",
                    invalid.problems().stream().map(PlanProblem::toString).toList());
        }
        String runId = s.runId() != null ? s.runId() : RunOptions.newRunId(plan.name(), LocalDateTime.now());
        if (!RunOptions.isValidRunId(runId)) {
            throw ApiError.badRequest("run id '" + runId + "' is not safe as a file name: use letters, digits, "
                    + "'.', '_' and '-', starting with a letter or digit");
        }
        RunHandle run;
        try {
            run = runs.submit(plan, s.plan(), source, runId, directory);
        } catch (RunHeldException | IllegalStateException e) { // a plan mismatch is one too
            throw ApiError.conflict(e.getMessage());
        }
        return Json.response(201, Map.of("runId", run.runId()));
    }

    /** Adds specs to a live run; a bad addition is refused whole (422, one line per problem), nothing journaled. */
    private CompletionStage<HttpResponse> addSpecs(RunHandle run, Requests.AddSpecs a) {
        if (a.specs() == null || a.specs().isBlank()) {
            throw ApiError.badRequest("field 'specs' is missing: the text of a document with a 'specs' list");
        }
        String source = a.source() == null || a.source().isBlank() ? "specs.yaml"
                : Path.of(a.source()).getFileName().toString();
        return run.addSpecs(a.specs(), source, Requests.by(a.by())).handle((added, e) -> {
            if (e == null) {
                return Json.response(202, Map.of("runId", run.runId(), "added", added));
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof InvalidPlanException invalid) {
                int n = invalid.problems().size();
                throw new ApiError(422, "the addition has " + n + " problem" + (n == 1 ? "" : "s")
                        + "; nothing was added", invalid.problems().stream().map(PlanProblem::toString).toList());
            }
            throw e instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }

    private CompletionStage<HttpResponse> stop(RunHandle run, boolean cancel, Requests.Control c) {
        String by = Requests.by(c.by());
        if (run.result().toCompletableFuture().isDone()) {
            throw ApiError.conflict("run " + run.runId() + " has already stopped");
        }
        String reason = c.reason() != null && !c.reason().isBlank() ? c.reason()
                : cancel ? "cancelled through the API" : "drained through the API";
        if (cancel) {
            run.interrupt(reason, by);
        } else {
            run.drain(reason, by);
        }
        return accepted(run);
    }

    private static CompletionStage<HttpResponse> accepted(RunHandle run) {
        return run.statusAsync().thenApply(s -> Json.response(202, RunViews.summary(s)));
    }

    /**
     * Every run's summary, asked of all runs at once and composed as the answers come: no thread of
     * the server waits on a run's slot manager.
     */
    private static CompletionStage<HttpResponse> summaries(List<RunHandle> all) {
        List<CompletableFuture<RunStatus>> asked = all.stream().map(r -> r.statusAsync().toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(v -> Json.response(200,
                asked.stream().map(f -> RunViews.summary(f.join())).toList()));
    }

    private CompletionStage<HttpResponse> events(HttpRequest request, String runId) {
        runs.get(runId);
        long from = request.getUri().query().get("from").map(v -> parseOffset("from", v)).orElse(0L);
        Optional<String> last = request.getHeader("Last-Event-ID").map(h -> h.value());
        if (last.isPresent()) {
            from = parseOffset("Last-Event-ID", last.get()) + 1;
        }
        return CompletableFuture.completedFuture(HttpResponse.create()
                .addHeader(RawHeader.create("Cache-Control", "no-cache"))
                .withEntity(HttpEntities.create(ContentTypes.create(MediaTypes.TEXT_EVENT_STREAM),
                        EventStream.of(engine.journal(), runId, from))));
    }

    /** The token a browser holds in its cookie, as an {@code Authorization} value; null without one. */
    private static String cookie(HttpRequest request) {
        for (var header : request.getHeaders()) {
            if (header.is("cookie")) {
                for (String pair : header.value().split(";")) {
                    String[] kv = pair.strip().split("=", 2);
                    if (kv.length == 2 && kv[0].equals(COOKIE)) {
                        return "Bearer " + kv[1];
                    }
                }
            }
        }
        return null;
    }

    private static long parseOffset(String name, String value) {
        try {
            long offset = Long.parseLong(value.strip());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiError.badRequest(name + " must be an event offset (0 or more), got '" + value + "'");
    }

    /** The request's body as text, refused past the size limit. */
    private CompletionStage<String> body(HttpRequest request) {
        long max = settings.maxBodyBytes();
        if (request.entity().getContentLengthOption().orElse(0L) > max) {
            throw new ApiError(413, "the body is larger than the limit of " + max + " bytes");
        }
        return request.entity().toStrict(BODY_TIMEOUT_MILLIS, max, materializer)
                .thenApply(strict -> strict.getData().utf8String());
    }

    private static HttpResponse failure(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiError error) {
            return Json.error(error);
        }
        if (cause instanceof ControlRefused refused) {
            int status = switch (refused.kind()) {
                case INVALID -> 422;
                case UNKNOWN -> 404;
                default -> 409;
            };
            return Json.error(new ApiError(status, refused.getMessage()));
        }
        if (cause instanceof EntityStreamSizeException) {
            return Json.error(new ApiError(413, "the body is larger than the limit"));
        }
        if (cause instanceof JournalUnavailableException) {
            return Json.error(new ApiError(503, cause.getMessage()));
        }
        LOG.warn("an API request failed", cause);
        return Json.error(new ApiError(500, "internal error: " + cause));
    }

    private static ApiError notAllowed(String method, String allowed) {
        return new ApiError(405, "method " + method + " is not allowed here (allowed: " + allowed + ")");
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw notAllowed(method, allowed);
        }
    }

    private static CompletionStage<HttpResponse> done(int status, Object body) {
        return CompletableFuture.completedFuture(Json.response(status, body));
    }

    private static List<String> segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty())
                .map(p -> java.net.URLDecoder.decode(p, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
