package io.slotflow.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunStatus;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.event.SessionStarted;
import io.slotflow.policy.WaitKind;
import io.slotflow.state.RunningSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The served engine's metrics in Prometheus' text format (names in docs/api.md#metrics). Counters
 * and histograms follow each run's events as they are persisted; the slot and queue gauges are
 * read from each live run's status at every scrape, so they are never stale.
 */
final class EngineMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge slots = MultiGauge.builder("slotflow.slots")
            .description("K: the run's slots now").register(registry);
    private final MultiGauge busy = MultiGauge.builder("slotflow.slots.busy")
            .description("slots holding a session, by class").register(registry);
    private final MultiGauge free = MultiGauge.builder("slotflow.slots.free")
            .description("slots free now (K minus the sessions; 0 while a shrink drains)").register(registry);
    private final MultiGauge ready = MultiGauge.builder("slotflow.ready.nodes")
            .description("ready nodes waiting, by class and wait reason").register(registry);
    private final MultiGauge paused = MultiGauge.builder("slotflow.paused")
            .description("1 while the run's dispatch is paused").register(registry);
    private final CategoryGauges categories = new CategoryGauges(registry);
    /** Each followed run's follower, for the per-category gauges. */
    private final Map<String, RunFollower> followers = new ConcurrentHashMap<>();

    EngineMetrics() {
    }

    /** Follows a run's events from now on. */
    void follow(RunHandle run) {
        follow(run, java.util.Optional.empty());
    }

    /** Follows a run's events from now on; {@code plan}, when known, is what its category gauges report against. */
    void follow(RunHandle run, java.util.Optional<io.slotflow.plan.Plan> plan) {
        RunFollower follower = new RunFollower(run.runId());
        // a plan-accepted persisted before the subscription would be missed: report against the submitted plan
        plan.ifPresent(p -> follower.categoryEvents.add(new io.slotflow.event.PlanAccepted(run.runId(), p, "",
                Instant.EPOCH)));
        followers.put(run.runId(), follower);
        run.subscribe(follower);
    }

    /**
     * The text a scrape gets: asks every live run for its status at once, without a thread waiting
     * for the answers, then reads them into the gauges (one scrape at a time).
     */
    java.util.concurrent.CompletionStage<String> scrape(List<RunHandle> runs) {
        List<java.util.concurrent.CompletableFuture<RunStatus>> asked = runs.stream()
                .filter(run -> !run.result().toCompletableFuture().isDone())
                .map(run -> run.statusAsync().toCompletableFuture()).toList();
        return java.util.concurrent.CompletableFuture.allOf(asked.toArray(java.util.concurrent.CompletableFuture[]::new))
                .thenApply(v -> scrapeStatuses(asked.stream().map(java.util.concurrent.CompletableFuture::join).toList()));
    }

    private synchronized String scrapeStatuses(List<RunStatus> statuses) {
        List<MultiGauge.Row<?>> slotRows = new ArrayList<>();
        List<MultiGauge.Row<?>> busyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> freeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> readyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> pausedRows = new ArrayList<>();
        for (RunStatus s : statuses) {
            Tags tags = Tags.of("run", s.runId());
            slotRows.add(MultiGauge.Row.of(tags, s.slots()));
            freeRows.add(MultiGauge.Row.of(tags, Math.max(0, s.slots() - s.running().size())));
            pausedRows.add(MultiGauge.Row.of(tags, s.paused() ? 1 : 0));
            Map<String, Long> byClass = new java.util.TreeMap<>();
            s.waitingByClass().keySet().forEach(c -> byClass.put(c, 0L));
            for (RunningSession r : s.running()) {
                byClass.merge(r.workClass(), 1L, Long::sum);
            }
            byClass.forEach((c, n) -> busyRows.add(MultiGauge.Row.of(tags.and("class", c), n)));
            s.waitingByClass().forEach((c, kinds) -> {
                for (WaitKind kind : WaitKind.values()) {
                    readyRows.add(MultiGauge.Row.of(tags.and("class", c, "reason", kind.name().toLowerCase()),
                            kinds.getOrDefault(kind, 0)));
                }
            });
        }
        slots.register(slotRows, true);
        busy.register(busyRows, true);
        free.register(freeRows, true);
        ready.register(readyRows, true);
        paused.register(pausedRows, true);
        Map<String, List<RunEvent>> byRun = new java.util.TreeMap<>();
        followers.forEach((runId, f) -> byRun.put(runId, f.categoryEvents()));
        categories.update(byRun);
        return registry.scrape();
    }

    /** Turns one run's events into counters and histograms. */
    private final class RunFollower implements Consumer<RunEvent> {
        private final String runId;
        private final Map<String, NodeDispatched> dispatched = new ConcurrentHashMap<>();
        private final Map<String, Instant> started = new ConcurrentHashMap<>();
        /** The events the per-category report reads (plan, respawns, dispatches, ends), in order. */
        private final List<RunEvent> categoryEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

        private final Counter noop;
        private final Counter timeouts;
        private final Counter lost;
        private final Counter retries;

        RunFollower(String runId) {
            this.runId = runId;
            // registered at once, so a dashboard shows 0 rather than no data
            this.noop = counter("slotflow.noop", "sessions that found nothing to do");
            this.timeouts = counter("slotflow.timeouts", "sessions killed on a timeout");
            this.lost = counter("slotflow.lost.sessions", "sessions lost with an engine or host");
            this.retries = counter("slotflow.retries", "nodes ready again for another attempt");
        }

        List<RunEvent> categoryEvents() {
            return List.copyOf(categoryEvents);
        }

        @Override
        public void accept(RunEvent event) {
            if (event instanceof io.slotflow.event.PlanAccepted && !categoryEvents.isEmpty()) {
                // the submitted plan is already first
            } else if (event instanceof io.slotflow.event.PlanAccepted || event instanceof NodeDispatched
                    || event instanceof SessionFinished || (event instanceof NodeReady r && r.respawn())) {
                categoryEvents.add(event);
            }
            if (event instanceof NodeDispatched d) {
                // the decision's time is in the event, and this is called once its write is acknowledged
                Timer.builder("slotflow.journal.write").description("from a dispatch decision to its journal write "
                        + "being acknowledged: what every session start waits for").tags("run", runId)
                        .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(1)).register(registry)
                        .record(nonNegative(d.at(), Instant.now()));
                dispatched.put(d.node(), d);
                timer("slotflow.dispatch.wait", "from ready to dispatched", d.workClass())
                        .record(nonNegative(d.readyAt(), d.at()));
            } else if (event instanceof SessionStarted s) {
                NodeDispatched d = dispatched.get(s.node());
                if (d != null && d.attempt() == s.attempt()) {
                    started.put(s.node(), s.at());
                    timer("slotflow.session.start.latency", "from dispatched to the process running", d.workClass())
                            .record(nonNegative(d.at(), s.at()));
                }
            } else if (event instanceof SessionFinished f) {
                finished(f);
            } else if (event instanceof NodeReady r && r.attempt() > 1 && !r.respawn()) {
                // a respawn follows a success: not a retry
                retries.increment();
            }
        }

        private void finished(SessionFinished f) {
            NodeDispatched d = dispatched.remove(f.node());
            Instant began = started.remove(f.node());
            String workClass = d == null ? "unknown" : d.workClass();
            if (d != null && d.attempt() == f.attempt()) {
                Timer.builder("slotflow.session.duration").description("sessions, from start (or dispatch) to end")
                        .tags("run", runId, "class", workClass, "outcome", f.outcome().name().toLowerCase())
                        .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(4))
                        .register(registry).record(nonNegative(began != null ? began : d.at(), f.at()));
            }
            if (f.outcome() == SessionOutcome.NOOP) {
                noop.increment();
            } else if (f.outcome() == SessionOutcome.TIMED_OUT) {
                timeouts.increment();
            } else if (f.outcome() == SessionOutcome.LOST) {
                lost.increment();
            }
        }

        private Timer timer(String name, String description, String workClass) {
            return Timer.builder(name).description(description).tags("run", runId, "class", workClass)
                    .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(registry);
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).description(description).tags("run", runId).register(registry);
        }
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

}
