package io.slotflow.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/** The actors of a run in one process, addressed by plain references. */
final class LocalRunDirectory implements RunDirectory {

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> begun = new CompletableFuture<>();
    private final List<String> specIds;
    private volatile ActorRef<SlotManager.Command> slotManager;
    private volatile ActorRef<ReviewInjector.Command> injector;
    private final Map<String, ActorRef<SpecActor.Command>> specs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<io.slotflow.graph.PlanGraph, List<String>> joiner;
    private final SessionHosts hosts;

    /** @param host the engine's session host, which gets every slot of the run */
    LocalRunDirectory(List<String> specIds, ActorRef<SessionHost.Command> host, int slots) {
        this.specIds = new java.util.concurrent.CopyOnWriteArrayList<>(specIds);
        this.hosts = new SessionHosts() {
            @Override
            public Map<String, Integer> capacity() {
                return Map.of(io.slotflow.event.NodeDispatched.LOCAL, slots);
            }

            @Override
            public void tell(String hostId, SessionHost.Command command) {
                host.tell(command);
            }
        };
    }

    /** Called once every actor exists; opens the {@link #ready()} gate. */
    void attach(ActorRef<SlotManager.Command> slotManagerRef, ActorRef<ReviewInjector.Command> injectorRef,
            Map<String, ActorRef<SpecActor.Command>> specRefs,
            java.util.function.BiConsumer<io.slotflow.graph.PlanGraph, List<String>> specJoiner) {
        this.slotManager = slotManagerRef;
        this.injector = injectorRef;
        this.specs.putAll(specRefs);
        this.joiner = specJoiner;
        ready.complete(null);
    }

    /** The guardian started an added spec's actor. */
    void joined(String specId, ActorRef<SpecActor.Command> ref) {
        if (specs.putIfAbsent(specId, ref) == null) {
            specIds.add(specId);
        }
    }

    boolean has(String specId) {
        return specs.containsKey(specId);
    }

    @Override
    public boolean join(io.slotflow.graph.PlanGraph graph, List<String> added) {
        joiner.accept(graph, added);
        return true;
    }

    @Override
    public void slotManager(SlotManager.Command command) {
        ActorRef<SlotManager.Command> ref = slotManager;
        if (ref != null) {
            ref.tell(command);
        }
    }

    @Override
    public void spec(String specId, SpecActor.Command command) {
        ActorRef<SpecActor.Command> ref = specs.get(specId);
        if (ref != null) {
            ref.tell(command);
        }
    }

    @Override
    public void injector(ReviewInjector.Command command) {
        injector.tell(command);
    }

    @Override
    public SessionHosts hosts() {
        return hosts;
    }

    @Override
    public List<String> specIds() {
        return List.copyOf(specIds);
    }

    @Override
    public CompletionStage<Void> ready() {
        return ready;
    }

    @Override
    public CompletionStage<Void> begun() {
        return begun;
    }

    /**
     * The run began. A second time, the slot manager started afresh after a journal failure and
     * knows no ready node: wake the spec actors and the injector, so that they announce theirs again.
     */
    @Override
    public void markBegun() {
        if (!begun.complete(null)) {
            specs.values().forEach(spec -> spec.tell(SpecActor.Wake.INSTANCE));
            injector.tell(ReviewInjector.Wake.INSTANCE);
        }
    }
}
