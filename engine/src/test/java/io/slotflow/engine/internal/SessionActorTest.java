package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionRequest;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.SessionOutcome;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.WorkClass;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Timers in virtual time: the timeout and heartbeat kill a session; exactly one outcome is reported. */
class SessionActorTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    private static final ManualTime time = ManualTime.get(testKit.system());

    // implementation: timeout 10 min, heartbeat 1 min
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan()
            .workClass(new WorkClass(WorkClass.IMPLEMENTATION, 0, 3, 0, Duration.ofMinutes(10), Duration.ofMinutes(1), 2,
                    Duration.ofHours(1)))
            .spec("s").group("0", Duration.ofMinutes(1), List.of("x"))
            .build());

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    /** A session that runs until cancelled; it remembers its request and whether it was cancelled. */
    private static final class Endless implements SessionRunner {
        final AtomicReference<SessionRequest> request = new AtomicReference<>();
        final CompletableFuture<SessionResult> result = new CompletableFuture<>();
        volatile boolean cancelled;

        @Override
        public SessionHandle start(SessionRequest r) {
            request.set(r);
            return new SessionHandle() {
                @Override
                public CompletionStage<SessionResult> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    result.complete(new SessionResult(SessionOutcome.FAILED, 143, "exit 143"));
                }

                @Override
                public long pid() {
                    return 4242;
                }
            };
        }
    }

    private TestProbe<SessionHost.Command> run(SessionRunner runner) {
        TestProbe<SessionHost.Command> host = testKit.createTestProbe(SessionHost.Command.class);
        testKit.spawn(SessionActor.create(ProbeDirectory.host(runner), start(), SessionHost.key("r", "s:0", 1), host.ref()));
        return host;
    }

    private static SessionHost.StartSession start() {
        return new SessionHost.StartSession("r", GRAPH.group("s:0"), 1, GRAPH.workClass("implementation"), ".");
    }

    private static SlotManager.SessionEnded ended(TestProbe<SessionHost.Command> host) {
        return host.expectMessageClass(SessionHost.Ended.class).report();
    }

    @Test
    void aSessionPastItsTimeoutIsKilledAndReportedTimedOut() {
        Endless runner = new Endless();
        TestProbe<SessionHost.Command> host = run(runner);
        assertThat(host.expectMessageClass(SessionHost.Started.class).report().pid()).isEqualTo(4242);
        // output every 30 s keeps the 1-minute heartbeat happy until the 10-minute timeout
        for (int i = 0; i < 19; i++) {
            runner.request.get().heartbeat().run();
            time.timePasses(Duration.ofSeconds(30));
        }
        runner.request.get().heartbeat().run();
        time.timePasses(Duration.ofSeconds(31));
        SlotManager.SessionEnded end = ended(host);
        assertThat(runner.cancelled).isTrue();
        assertThat(end.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
        assertThat(end.detail()).isEqualTo("ran past its timeout of 10m");
    }

    @Test
    void aSilentSessionIsKilledAfterItsHeartbeatTimeout() {
        Endless runner = new Endless();
        TestProbe<SessionHost.Command> host = run(runner);
        host.expectMessageClass(SessionHost.Started.class);
        time.timePasses(Duration.ofSeconds(61));
        SlotManager.SessionEnded end = ended(host);
        assertThat(end.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
        assertThat(end.detail()).isEqualTo("no output for 1m");
    }

    @Test
    void aCancelledSessionIsReportedCancelledOnce() {
        Endless runner = new Endless();
        TestProbe<SessionHost.Command> host = testKit.createTestProbe(SessionHost.Command.class);
        var session = testKit.spawn(SessionActor.create(ProbeDirectory.host(runner), start(), SessionHost.key("r", "s:0", 1), host.ref()));
        host.expectMessageClass(SessionHost.Started.class);
        session.tell(SessionActor.Cancel.INSTANCE);
        assertThat(ended(host).outcome()).isEqualTo(SessionOutcome.CANCELLED);
        time.timePasses(Duration.ofHours(1));
        host.expectNoMessage(Duration.ZERO);
    }

    /** A session whose processes outlive the kill: its slot stays taken until they are gone. */
    @Test
    void aSessionThatIsNotGoneAfterTheKillIsNotReportedUntilItIs() {
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        TestProbe<SessionHost.Command> host = run(request -> new SessionHandle() {
            @Override
            public CompletionStage<SessionResult> result() {
                return result;
            }

            @Override
            public void cancel() {
                // still stopping (a process stuck in the kernel, a grace longer than the patience)
            }
        });
        host.expectMessageClass(SessionHost.Started.class);
        time.timePasses(Duration.ofMinutes(1).plusSeconds(1));
        time.timePasses(Duration.ofHours(1));
        host.expectNoMessage(Duration.ZERO);
        result.complete(new SessionResult(SessionOutcome.FAILED, 137, "exit 137"));
        SlotManager.SessionEnded end = ended(host);
        assertThat(end.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
        assertThat(end.detail()).isEqualTo("no output for 1m");
        assertThat(end.exitCode()).isEqualTo(137);
    }

    @Test
    void aSessionThatCannotStartFailsWithTheReason() {
        TestProbe<SessionHost.Command> host = run(request -> {
            throw new IllegalStateException("working directory /nowhere does not exist");
        });
        SlotManager.SessionEnded end = ended(host);
        assertThat(end.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(end.detail()).isEqualTo("could not start: working directory /nowhere does not exist");
    }

    @Test
    void theRunnerGetsTheSlotflowEnvironment() {
        Endless runner = new Endless();
        run(runner).expectMessageClass(SessionHost.Started.class);
        assertThat(runner.request.get().environment()).containsEntry("SLOTFLOW_RUN", "r")
                .containsEntry("SLOTFLOW_SPEC", "s").containsEntry("SLOTFLOW_NODE", "s:0")
                .containsEntry("SLOTFLOW_ATTEMPT", "1").containsEntry("SLOTFLOW_CLASS", "implementation");
    }
}
