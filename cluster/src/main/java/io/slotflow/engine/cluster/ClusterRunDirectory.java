package io.slotflow.engine.cluster;

import io.slotflow.engine.internal.ReviewInjector;
import io.slotflow.engine.internal.RunDirectory;
import io.slotflow.engine.internal.SessionHosts;
import io.slotflow.engine.internal.SlotManager;
import io.slotflow.engine.internal.SpecActor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * A run's actors on a cluster: spec actors through sharding, the slot manager and the review
 * injector through the coordinator (directly where it runs, through its singleton proxy elsewhere).
 */
final class ClusterRunDirectory implements RunDirectory {

    private final String runId;
    private final List<String> specIds;
    private final ClusterSharding sharding;
    private final Consumer<SlotManager.Command> toSlotManager;
    private final Consumer<ReviewInjector.Command> toInjector;
    private final SessionHosts hosts;
    private final CompletableFuture<Void> begun;

    private ClusterRunDirectory(String runId, List<String> specIds, ClusterSharding sharding,
            Consumer<SlotManager.Command> toSlotManager, Consumer<ReviewInjector.Command> toInjector, SessionHosts hosts,
            CompletableFuture<Void> begun) {
        this.runId = runId;
        this.specIds = List.copyOf(specIds);
        this.sharding = sharding;
        this.toSlotManager = toSlotManager;
        this.toInjector = toInjector;
        this.hosts = hosts;
        this.begun = begun;
    }

    /** Where the coordinator runs the run's slot manager and injector: the gate opens when the run begins. */
    static ClusterRunDirectory forCoordinator(String runId, List<String> specIds, ClusterSharding sharding,
            Consumer<SlotManager.Command> toSlotManager, Consumer<ReviewInjector.Command> toInjector,
            SessionHosts hosts) {
        return new ClusterRunDirectory(runId, specIds, sharding, toSlotManager, toInjector, hosts,
                new CompletableFuture<>());
    }

    /** Where a spec actor runs: the run has begun (the coordinator wakes spec actors only then). */
    static ClusterRunDirectory forSpec(String runId, List<String> specIds, ClusterSharding sharding,
            Consumer<SlotManager.Command> toSlotManager, Consumer<ReviewInjector.Command> toInjector) {
        return new ClusterRunDirectory(runId, specIds, sharding, toSlotManager, toInjector, null,
                CompletableFuture.completedFuture(null));
    }

    @Override
    public void slotManager(SlotManager.Command command) {
        toSlotManager.accept(command);
    }

    @Override
    public void spec(String specId, SpecActor.Command command) {
        sharding.entityRefFor(SpecEntity.TYPE, new SpecAddress(runId, specId).entityId()).tell(command);
    }

    @Override
    public void injector(ReviewInjector.Command command) {
        toInjector.accept(command);
    }

    @Override
    public SessionHosts hosts() {
        if (hosts == null) {
            throw new IllegalStateException("a spec actor has no session hosts");
        }
        return hosts;
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
        return begun;
    }

    /** The run began: wake every spec actor, so that it announces its ready groups to this slot manager. */
    @Override
    public void markBegun() {
        begun.complete(null);
        specIds.forEach(spec -> spec(spec, SpecActor.Wake.INSTANCE));
        injector(ReviewInjector.Wake.INSTANCE);
    }
}
