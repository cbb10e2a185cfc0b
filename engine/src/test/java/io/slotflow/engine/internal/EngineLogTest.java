package io.slotflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slotflow.engine.runner.SessionHandle;
import io.slotflow.engine.runner.SessionResult;
import io.slotflow.engine.runner.SessionRunner;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SessionOutcome;
import io.slotflow.footprint.Footprint;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.WorkClass;
import io.slotflow.testing.TestPlanBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The engine logs its decisions through SLF4J, each line with its run, node and attempt in the MDC. */
class EngineLogTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    private static final ManualTime time = ManualTime.get(testKit.system());
    // implementation: timeout 10 min, heartbeat 1 min
    private static final PlanGraph GRAPH = PlanGraph.of(TestPlanBuilder.plan()
            .workClass(new WorkClass(WorkClass.IMPLEMENTATION, 0, 3, 0, Duration.ofMinutes(10), Duration.ofMinutes(1), 2,
                    Duration.ofHours(1)))
            .spec("s").group("0", Duration.ofMinutes(1), List.of("x"))
            .build());
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final List<Runnable> detach = new ArrayList<>();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void detachAppenders() {
        detach.forEach(Runnable::run);
    }

    private ListAppender<ILoggingEvent> capture(String loggerName) {
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        detach.add(() -> {
            logger.detachAppender(appender);
            logger.setLevel(before);
        });
        return appender;
    }

    private static String line(ILoggingEvent e) {
        Map<String, String> mdc = e.getMDCPropertyMap();
        return e.getLevel() + " [" + mdc.getOrDefault("run", "-") + " " + mdc.getOrDefault("node", "-") + " "
                + mdc.getOrDefault("attempt", "-") + "] " + e.getFormattedMessage();
    }

    @Test
    void theRunsDecisionsAreLoggedFromItsEventsWithTheRunAndNodeInTheMdc() {
        ListAppender<ILoggingEvent> log = capture(RunLog.LOGGER);
        List<RunEvent> events = new ArrayList<>();
        List<RunEvent> handedOn = new ArrayList<>();
        events.add(new PlanAccepted("r1", GRAPH.plan(), "", T0));
        events.add(new NodeDispatched("s:0", 1, 0, "implementation", Footprint.of(List.of(), List.of("x")),
                T0, Map.of(), T0.plusMillis(250), NodeDispatched.LOCAL));
        events.add(new SessionFinished("s:0", 1, 0, SessionOutcome.FAILED, 1, "exit 1", T0.plusSeconds(5)));
        events.add(new RunResumed(T0.plusSeconds(60)));
        events.add(new SessionFinished("s:0", 2, 0, SessionOutcome.LOST, null, "the engine stopped while it ran",
                T0.plusSeconds(60)));
        events.add(new NodeFailed("s:0", 3, SessionOutcome.TIMED_OUT, "3 attempts used up", T0.plusSeconds(90)));
        RunLog.listening("r1", handedOn::addAll).persisted(events);

        assertThat(handedOn).isEqualTo(events);
        assertThat(log.list).extracting(EngineLogTest::line).containsExactly(
                "INFO [r1 - -] run started: plan test, 1 specs, K = 3, rolling",
                "INFO [r1 s:0 1] dispatched to slot 1 (implementation) after waiting 250 ms",
                "WARN [r1 s:0 1] session ended FAILED (exit 1): exit 1",
                "INFO [r1 - -] run resumed",
                "WARN [r1 s:0 2] session ended LOST: the engine stopped while it ran",
                "WARN [r1 s:0 3] node failed for good: 3 attempts used up");
    }

    @Test
    void aRunThatCannotGoOnIsAnError() {
        ListAppender<ILoggingEvent> log = capture(RunLog.LOGGER);
        List<String> told = new ArrayList<>();
        RunSupervisor supervisor = RunLog.supervising("r2", new RunSupervisor() {
            @Override
            public void begun(boolean resumed) {
            }

            @Override
            public void completed() {
            }

            @Override
            public void interrupted() {
            }

            @Override
            public void failed(String reason) {
                told.add(reason);
            }
        });
        supervisor.failed("the journal stayed unavailable");
        assertThat(told).containsExactly("the journal stayed unavailable");
        assertThat(log.list).extracting(EngineLogTest::line)
                .containsExactly("ERROR [r2 - -] run cannot go on: the journal stayed unavailable");
    }

    @Test
    void aSessionKilledForSilenceIsAWarningNamingItsNode() {
        ListAppender<ILoggingEvent> log = capture(SessionActor.LOGGER);
        SessionRunner endless = request -> new SessionHandle() {
            private final CompletableFuture<SessionResult> result = new CompletableFuture<>();

            @Override
            public CompletionStage<SessionResult> result() {
                return result;
            }

            @Override
            public void cancel() {
                result.complete(new SessionResult(SessionOutcome.FAILED, 143, "exit 143"));
            }

            @Override
            public long pid() {
                return 4242;
            }
        };
        TestProbe<SessionHost.Command> host = testKit.createTestProbe(SessionHost.Command.class);
        testKit.spawn(SessionActor.create(ProbeDirectory.host(endless),
                new SessionHost.StartSession("r3", GRAPH.group("s:0"), 1, GRAPH.workClass("implementation"), "."),
                SessionHost.key("r3", "s:0", 1), host.ref()));
        host.expectMessageClass(SessionHost.Started.class);
        time.timePasses(Duration.ofSeconds(61));
        host.expectMessageClass(SessionHost.Ended.class);
        assertThat(log.list).extracting(EngineLogTest::line)
                .containsExactly("WARN [r3 s:0 1] killing the session and its process tree: no output for 1m");
    }
}
