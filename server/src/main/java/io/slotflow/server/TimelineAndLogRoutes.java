package io.slotflow.server;

import io.slotflow.engine.RunHandle;
import io.slotflow.engine.runner.SessionRequest;
import io.slotflow.state.NodeLifecycle;
import io.slotflow.state.NodeView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Two read-only views of a run for the dashboard: {@code GET /api/runs/{run}/timeline} (the sessions
 * per slot so far) and {@code GET /api/runs/{run}/nodes/{node}/log} (the last lines of the node's
 * latest attempt's log). Both work off the server's threads: building a long run's timeline and
 * reading a file are not for the threads that answer every other request.
 */
final class TimelineAndLogRoutes {

    static final int DEFAULT_LINES = 100;
    static final int MAX_LINES = 1000;

    private final ServedRuns runs;
    private final Function<String, Path> logDirectory;
    private final Executor blocking;
    private final Clock clock;

    /** @param logDirectory where a run's session logs are, by run id */
    TimelineAndLogRoutes(ServedRuns runs, Function<String, Path> logDirectory, Executor blocking, Clock clock) {
        this.runs = runs;
        this.logDirectory = logDirectory;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Whether {@code path} (its segments) is one of these views: {@code api/runs/{run}/timeline} or {@code …/nodes/{node}/log}. */
    static boolean serves(List<String> path) {
        return path.size() == 4 && path.get(3).equals("timeline")
                || path.size() == 6 && path.get(3).equals("nodes") && path.get(5).equals("log");
    }

    CompletionStage<HttpResponse> answer(List<String> path, HttpRequest request) {
        RunHandle run = runs.get(path.get(2));
        if (path.size() == 4) {
            int limit = count(request, "limit", RunTimeline.DEFAULT_BARS, RunTimeline.MAX_BARS);
            return CompletableFuture.supplyAsync(() -> Json.response(200, RunTimeline.of(run, limit, clock.instant())),
                    blocking);
        }
        String nodeId = path.get(4);
        int lines = count(request, "lines", DEFAULT_LINES, MAX_LINES);
        String stream = request.getUri().query().get("stream").orElse("out");
        if (!stream.equals("out") && !stream.equals("err")) {
            throw ApiError.badRequest("stream must be 'out' (the session's stdout) or 'err' (its stderr), got '"
                    + stream + "'");
        }
        NodeView node = run.node(nodeId).orElseThrow(() -> ApiError.notFound("run " + run.runId()
                + " has no node " + nodeId));
        boolean hadSession = node.lastOutcome() != null || node.state() == NodeLifecycle.State.DISPATCHED
                || node.state() == NodeLifecycle.State.RUNNING || node.state() == NodeLifecycle.State.FINISHED;
        if (!hadSession) {
            throw ApiError.notFound("node " + nodeId + " has no log yet: no session of it has started");
        }
        Path directory = logDirectory.apply(run.runId());
        return CompletableFuture.supplyAsync(() -> Json.response(200, log(run.runId(), node, stream, directory,
                lines)), blocking);
    }

    /** The answer of the log view. */
    record NodeLog(String runId, String node, int attempt, String stream, long size, boolean earlier,
            List<String> lines) {
    }

    /**
     * The tail of the latest attempt's log: the current attempt's, or, while a retry waits for its
     * slot, the attempt before it (the file of a session just dispatched may not be there yet either).
     */
    private static NodeLog log(String runId, NodeView node, String stream, Path directory, int lines) {
        for (int attempt = node.attempt(); attempt >= 1; attempt--) {
            Path file = directory.resolve(SessionRequest.logFileBase(node.node(), attempt) + "." + stream);
            try {
                LogTail.Tail tail = LogTail.read(file, lines);
                return new NodeLog(runId, node.id(), attempt, stream, tail.size(), tail.earlier(), tail.lines());
            } catch (NoSuchFileException e) {
                // an earlier attempt's, then
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        // an in-process runner writes no log; on a cluster the session may have run on another member
        throw ApiError.notFound("node " + node.id() + " has no log on this engine (no " + node.id()
                + ".attempt-N." + stream + " in " + directory + ": only command sessions run by this engine "
                + "write one)");
    }

    /** A count from the query: {@code fallback} when absent, at most {@code max} (more is capped), 1 or more. */
    private static int count(HttpRequest request, String name, int fallback, int max) {
        String value = request.getUri().query().get(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return Math.min(n, max);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiError.badRequest(name + " must be a whole number from 1 (more than " + max + " gives " + max
                + "), got '" + value + "'");
    }
}
