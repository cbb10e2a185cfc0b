package io.slotflow.server;

import io.slotflow.engine.RunHandle;
import io.slotflow.engine.Slotflow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A served engine: the control API on the engine's own actor system, over the runs it was given
 * and those it resumes on start. {@link #stop} drains every run (the running sessions may finish
 * within the stop grace, then are cancelled) and unbinds; the runs resume on the next start.
 */
public final class SlotflowServer {

    private static final Logger LOG = LoggerFactory.getLogger(SlotflowServer.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final ServedRuns runs;
    private final ServerBinding binding;
    private final ServeSettings settings;
    private final List<String> resumed;

    /** Connections waiting to be accepted (the kernel caps it at net.core.somaxconn). */
    private static final int ACCEPT_BACKLOG = 1024;

    private SlotflowServer(ServedRuns runs, ServerBinding binding, ServeSettings settings, List<String> resumed) {
        this.runs = runs;
        this.binding = binding;
        this.settings = settings;
        this.resumed = resumed;
    }

    /**
     * Resumes the runs a previous start left unfinished, then binds the API.
     *
     * @throws IllegalStateException when the address cannot be bound (in use, not this machine's)
     */
    public static SlotflowServer start(Slotflow engine, ServeSettings settings) throws IOException {
        EngineMetrics metrics = new EngineMetrics();
        ServedRuns runs = new ServedRuns(engine, metrics);
        return bind(engine, settings, runs, metrics, runs.resumeUnfinished());
    }

    /**
     * The same API over one run that {@code slotflow run} started ({@code run --serve}): it resumes
     * nothing, and the run's own command line stops it.
     */
    public static SlotflowServer beside(Slotflow engine, ServeSettings settings, RunHandle run) {
        EngineMetrics metrics = new EngineMetrics();
        ServedRuns runs = new ServedRuns(engine, metrics);
        runs.adopt(run);
        return bind(engine, settings, runs, metrics, List.of());
    }

    /** How long a request may take before its answer starts (a submission of a large plan is the long one). */
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofMinutes(2);

    private static SlotflowServer bind(Slotflow engine, ServeSettings settings, ServedRuns runs,
            EngineMetrics metrics, List<String> resumed) {
        ControlApi api = new ControlApi(engine, runs, metrics, settings);
        ServerBinding binding;
        try {
            // a submission of a large plan (10,000 nodes: parsed, checked, its journal read) may take longer
            // than Pekko HTTP's 20 s on a loaded machine: its answer is worth waiting for. An event stream is
            // not cut by it (the timeout ends when a response starts).
            org.apache.pekko.http.javadsl.settings.ServerSettings server =
                    org.apache.pekko.http.javadsl.settings.ServerSettings.create(engine.actorSystem().classicSystem());
            server = server.withTimeouts(server.getTimeouts().withRequestTimeout(
                    scala.concurrent.duration.FiniteDuration.apply(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)))
                    // 220 clients connecting at once overflow the default queue of 100 while the accept loop
                    // waits for CPU (the kernel counted thousands of ListenOverflows in the load benchmark); a
                    // dropped connect is retried after 1, 3, 7, 15 s… and a client's 30 s connect timeout ran out
                    .withBacklog(ACCEPT_BACKLOG);
            binding = Http.get(engine.actorSystem()).newServerAt(settings.host(), settings.port())
                    .withSettings(server)
                    .bind(api::apply).toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + settings.host() + ":" + settings.port(), e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + cause.getMessage(), e);
        }
        return new SlotflowServer(runs, binding, settings, resumed);
    }

    /** Where the API listens (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return binding.localAddress();
    }

    /** The runs resumed on start. */
    public List<String> resumed() {
        return resumed;
    }

    /**
     * Stops as on SIGTERM: no run starts anything new (each drain is journaled), the running sessions
     * have the stop grace to finish, then those left are cancelled; the API stops listening. The
     * runs stay unfinished, to resume on the next start. The engine itself is the caller's to close.
     */
    public void stop(String reason) {
        runs.stopping();
        binding.unbind();
        List<RunHandle> live = runs.all().stream().filter(r -> !r.result().toCompletableFuture().isDone()).toList();
        live.forEach(r -> r.drain(reason + ": no new sessions, the running ones had "
                + settings.stopGrace().toSeconds() + " s to finish", ""));
        if (!awaitAll(live, settings.stopGrace())) {
            live.forEach(r -> r.interrupt("the stop's grace of " + settings.stopGrace().toSeconds() + " s ended", ""));
            if (!awaitAll(live, CANCEL_WAIT)) {
                LOG.warn("some runs did not stop within {}", CANCEL_WAIT);
            }
        }
        binding.terminate(Duration.ofSeconds(2));
    }

    /** Stops listening, leaving the runs as they are (their command line stops them). */
    public void unbind() {
        runs.stopping();
        binding.terminate(Duration.ofSeconds(2));
    }

    private static boolean awaitAll(List<RunHandle> runs, Duration within) {
        try {
            CompletableFuture.allOf(runs.stream().map(r -> r.result().toCompletableFuture())
                    .toArray(CompletableFuture[]::new)).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // a run that failed has stopped too
        }
    }
}
