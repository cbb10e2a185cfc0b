package io.slotflow.engine.internal;

import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.graph.PlanGraph;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/** A run directory whose every address is a test probe, for testing one actor alone. */
final class ProbeDirectory implements RunDirectory {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final TestProbe<SlotManager.Command> slotManager;
    final TestProbe<ReviewInjector.Command> injector;
    final TestProbe<SessionHost.Command> sessionHost;
    final Map<String, TestProbe<SpecActor.Command>> specs = new HashMap<>();
    private final List<String> specIds;
    private final int slots;

    ProbeDirectory(ActorTestKit testKit, PlanGraph graph) {
        slotManager = testKit.createTestProbe(SlotManager.Command.class);
        injector = testKit.createTestProbe(ReviewInjector.Command.class);
        sessionHost = testKit.createTestProbe(SessionHost.Command.class);
        specIds = graph.specIds();
        slots = graph.slots();
        specIds.forEach(s -> specs.put(s, testKit.createTestProbe(SpecActor.Command.class)));
    }

    RunContext context(String runId, PlanGraph graph, RunSupervisor supervisor) {
        return new RunContext(runId, graph, "digest", Path.of("."), Clock.fixed(NOW, ZoneOffset.UTC),
                RunListener.NONE, this, Duration.ofSeconds(5), supervisor, 10);
    }

    /** A host context whose reports are dropped (the session actor under test talks to a probe host). */
    static HostContext host(SessionRunner runner) {
        return new HostContext("local", 1, runner, Path.of("state"), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMillis(100), (runId, report) -> { });
    }

    @Override
    public void slotManager(SlotManager.Command command) {
        slotManager.ref().tell(command);
    }

    @Override
    public void spec(String specId, SpecActor.Command command) {
        specs.get(specId).ref().tell(command);
    }

    @Override
    public void injector(ReviewInjector.Command command) {
        injector.ref().tell(command);
    }

    @Override
    public SessionHosts hosts() {
        return new SessionHosts() {
            @Override
            public Map<String, Integer> capacity() {
                return Map.of("local", slots);
            }

            @Override
            public void tell(String hostId, SessionHost.Command command) {
                sessionHost.ref().tell(command);
            }
        };
    }

    @Override
    public List<String> specIds() {
        return specIds;
    }

    @Override
    public CompletionStage<Void> ready() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> begun() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void markBegun() {
    }

    /** A supervisor that only remembers what it heard. */
    static final class Heard implements RunSupervisor {
        volatile Boolean begunResumed;
        volatile boolean completed;
        volatile boolean interrupted;
        volatile String failed;

        @Override
        public void begun(boolean resumed) {
            begunResumed = resumed;
        }

        @Override
        public void completed() {
            completed = true;
        }

        @Override
        public void interrupted() {
            interrupted = true;
        }

        @Override
        public void failed(String reason) {
            failed = reason;
        }
    }
}
