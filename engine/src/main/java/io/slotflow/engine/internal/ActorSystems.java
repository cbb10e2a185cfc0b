package io.slotflow.engine.internal;

import io.slotflow.event.RunEvent;
import io.slotflow.persistence.JournalReader;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** What an engine and a cluster member both do with their actor system and journal. */
public final class ActorSystems {

    private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(10);

    private ActorSystems() {
    }

    /** Spawns a top-level actor and waits for its reference. */
    public static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name) {
        try {
            return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
                    replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                    SPAWN_TIMEOUT, system.scheduler()).toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Terminates the system and waits up to a minute for it. */
    public static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the JVM may be going away anyway; nothing more to do
        }
    }

    /** A run's events already in the journal; none for a new run. */
    public static List<RunEvent> pastEvents(JournalReader reader, String runId) {
        try {
            return reader.events(runId);
        } catch (NoSuchElementException none) {
            return List.of();
        }
    }
}
