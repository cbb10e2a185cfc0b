package io.slotflow.server;

import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.Slotflow;
import io.slotflow.persistence.OwnerOnly;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs a served engine runs. Each submission is kept in the state directory ({@code serve/<run>/}:
 * the plan's text and its directory) before the run starts, so that an engine started again resumes
 * every run that had not ended — as {@code slotflow run} resumes one. A run ends for good when it
 * completes or an operator drains or cancels it; a stop of the server itself leaves it to resume.
 */
final class ServedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ServedRuns.class);
    private static final String PLAN = "plan.yaml";
    private static final String DIRECTORY = "plan-directory";
    private static final String SOURCE = "plan-source";
    private static final String ENDED = "ended";

    private final Slotflow engine;
    private final EngineMetrics metrics;
    private final Path root;
    private final Map<String, RunHandle> runs = new ConcurrentSkipListMap<>();
    private volatile boolean stopping;

    ServedRuns(Slotflow engine, EngineMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
        this.root = engine.settings().stateDirectory().resolve("serve");
    }

    /** Resumes every run submitted before that had not ended; returns their ids. */
    List<String> resumeUnfinished() throws IOException {
        List<String> resumed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return resumed;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                String runId = dir.getFileName().toString();
                if (!RunOptions.isValidRunId(runId) || Files.exists(dir.resolve(ENDED))
                        || !Files.exists(dir.resolve(PLAN))) {
                    continue;
                }
                try {
                    Path directory = Path.of(Files.readString(dir.resolve(DIRECTORY)).strip());
                    String source = Files.readString(dir.resolve(SOURCE)).strip();
                    Plan plan = PlanParser.parse(Files.readString(dir.resolve(PLAN)), source, directory);
                    start(plan, runId, directory);
                    resumed.add(runId);
                } catch (RuntimeException e) {
                    LOG.warn("run {} was not resumed: {}", runId, e.getMessage());
                }
            }
        }
        return resumed;
    }

    /**
     * Starts (or resumes, for a run id already in the journal) a run of {@code plan}, parsed from
     * {@code text} by the caller, then keeps the submission for the next start. Kept only once the
     * engine took the run: a refused one (another plan under the run id, a run another engine holds)
     * must not replace what an earlier submission kept.
     */
    RunHandle submit(Plan plan, String text, String source, String runId, Path directory) {
        if (runs.containsKey(runId)) {
            throw ApiError.conflict("run " + runId + " is already running in this engine");
        }
        RunHandle handle = start(plan, runId, directory);
        Path dir = root.resolve(runId);
        try {
            OwnerOnly.createDirectories(dir);
            write(dir.resolve(PLAN), text);
            write(dir.resolve(DIRECTORY), directory.toString());
            write(dir.resolve(SOURCE), source);
            if (!handle.result().toCompletableFuture().isDone()) {
                Files.deleteIfExists(dir.resolve(ENDED));
            }
        } catch (IOException e) {
            LOG.warn("run {}: cannot keep its submission, it will not resume on the next start: {}", runId,
                    e.getMessage());
        }
        return handle;
    }

    private RunHandle start(Plan plan, String runId, Path directory) {
        RunHandle handle = engine.run(plan, new RunOptions(runId, directory));
        runs.put(runId, handle);
        metrics.follow(handle, Optional.of(plan));
        handle.result().whenComplete((result, error) -> {
            if (!stopping) {
                markEnded(runId);
            }
        });
        return handle;
    }

    private void markEnded(String runId) {
        try {
            write(root.resolve(runId).resolve(ENDED), "");
        } catch (IOException e) {
            LOG.warn("run {}: cannot record that it ended: {}", runId, e.getMessage());
        }
    }

    private static void write(Path file, String text) throws IOException {
        try (OutputStream out = OwnerOnly.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Serves a run started elsewhere (by {@code slotflow run}): nothing is kept for a later start. */
    void adopt(RunHandle run) {
        runs.put(run.runId(), run);
        metrics.follow(run);
    }

    Optional<RunHandle> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    RunHandle get(String runId) {
        return find(runId).orElseThrow(() -> ApiError.notFound("no run " + runId + " in this engine"));
    }

    List<RunHandle> all() {
        return List.copyOf(runs.values());
    }

    /** From now on a run that stops is left to resume on the next start (the server is stopping). */
    void stopping() {
        stopping = true;
    }
}
