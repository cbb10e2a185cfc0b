package io.slotflow.engine.cluster;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.internal.RunContext;
import io.slotflow.engine.internal.RunListener;
import io.slotflow.engine.internal.JournalHealth;
import io.slotflow.engine.internal.RunLog;
import io.slotflow.engine.internal.RunSupervisor;
import io.slotflow.engine.internal.SpecActor;
import io.slotflow.graph.PlanGraph;
import io.slotflow.plan.PlanDigest;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A spec actor under cluster sharding: one entity per run and spec, on whichever worker sharding
 * places it. Its state is in the journal, so it may move; on start it asks the coordinator for its
 * run's plan, holding messages until the answer, then becomes the spec actor.
 */
final class SpecEntity {

    static final EntityTypeKey<SpecActor.Command> TYPE = EntityTypeKey.create(SpecActor.Command.class, "spec");

    private static final Duration ASK_AGAIN = Duration.ofSeconds(2);
    private static final int HOLD = 100_000;

    /** The coordinator's answer, adapted. */
    private record Loaded(RunsCoordinator.RunInfo info) implements SpecActor.Command {
    }

    private enum AskAgain implements SpecActor.Command { INSTANCE }

    private SpecEntity() {
    }

    static Behavior<SpecActor.Command> create(String entityId, EngineSettings settings,
            ActorRef<RunsCoordinator.Command> coordinator) {
        SpecAddress address = SpecAddress.of(entityId);
        String runId = address.runId();
        String specId = address.specId();
        return Behaviors.withStash(HOLD, stash -> Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<RunsCoordinator.RunInfo> answers = context.messageAdapter(RunsCoordinator.RunInfo.class, Loaded::new);
            coordinator.tell(new RunsCoordinator.GetRun(runId, answers));
            timers.startTimerWithFixedDelay(AskAgain.INSTANCE, ASK_AGAIN);
            return Behaviors.receive(SpecActor.Command.class)
                    .onMessage(Loaded.class, loaded -> {
                        if (loaded.info().plan() == null) {
                            context.getLog().warn("spec {} of run {}: the coordinator does not know the run", specId,
                                    runId);
                            return Behaviors.stopped();
                        }
                        timers.cancel(AskAgain.INSTANCE);
                        RunContext run = context(loaded.info(), specId, settings,
                                ClusterSharding.get(context.getSystem()), coordinator,
                                JournalHealth.get(context.getSystem()));
                        return stash.unstashAll(run.startedAfresh(SpecActor.create(run, specId)));
                    })
                    .onMessageEquals(AskAgain.INSTANCE, () -> {
                        // the coordinator may be moving: its proxy holds the question until it is back
                        coordinator.tell(new RunsCoordinator.GetRun(runId, answers));
                        return Behaviors.same();
                    })
                    .onAnyMessage(message -> {
                        stash.stash(message);
                        return Behaviors.same();
                    })
                    .build();
        })));
    }

    private static RunContext context(RunsCoordinator.RunInfo info, String specId, EngineSettings settings,
            ClusterSharding sharding, ActorRef<RunsCoordinator.Command> coordinator, JournalHealth health) {
        PlanGraph graph = PlanGraph.of(info.plan());
        String runId = info.runId();
        ClusterRunDirectory directory = ClusterRunDirectory.forSpec(runId, graph.specIds(), sharding,
                command -> coordinator.tell(new RunsCoordinator.ToSlotManager(runId, command)),
                command -> coordinator.tell(new RunsCoordinator.ToInjector(runId, command)));
        return new RunContext(runId, graph, PlanDigest.of(info.plan()), Path.of(info.planDirectory()), settings.clock(),
                // a write that goes through after journal failures is reported once, as the recovery
                RunLog.listening(runId, health.watching(RunListener.NONE)), directory, settings.settleTimeout(), NO_SUPERVISOR,
                settings.journalRetries());
    }

    /** Spec actors report nothing to a supervisor: the slot manager does. */
    private static final RunSupervisor NO_SUPERVISOR = new RunSupervisor() {
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
        }
    };
}
