package io.slotflow.engine.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of one run's actors in this process: spawns the slot manager (with its priority
 * mailbox), the review injector and one actor per spec, then opens the directory. Its sessions run
 * on the engine's session host, which gets all K slots. Stopping the guardian stops the run's
 * actors and cancels its sessions; a run actor that stops on its own fails the run.
 */
public final class RunGuardian {

    /** What the guardian accepts. */
    public interface Command {
    }

    /** Forward to the slot manager (status, interrupt). */
    public record ToSlotManager(SlotManager.Command command) implements Command {
    }

    /** Specs joined the live run: start an actor for each that has none, over the grown graph. */
    record JoinSpecs(io.slotflow.graph.PlanGraph graph, java.util.List<String> specs) implements Command {
    }

    /** Stop the run's actors (and with them its sessions). */
    public enum Stop implements Command { INSTANCE }

    private RunGuardian() {
    }

    /**
     * @param template the run's context; its directory is replaced by the one the guardian fills
     * @param host the engine's session host
     * @param runs where the host's reports find this run
     */
    public static Behavior<Command> create(RunContext template, ActorRef<SessionHost.Command> host, LocalRuns runs) {
        return Behaviors.setup(context -> {
            // the one local host takes every slot K may grow to: K itself is the run core's limit
            LocalRunDirectory directory = new LocalRunDirectory(template.graph().specIds(), host,
                    io.slotflow.plan.PlanValidator.MAX_SLOTS);
            RunContext addressed = template.withDirectory(directory);
            // a write that goes through after journal failures is reported once, as the recovery
            RunContext run = addressed.withListener(JournalHealth.get(context.getSystem()).watching(addressed.listener()));
            runs.register(run.runId(), directory);
            // both the slot manager and the child that does its work get the priority mailbox
            MailboxSelector priority = MailboxSelector.fromConfig("slotflow.slot-manager-mailbox");
            ActorRef<SlotManager.Command> slotManager = watched(context, context.spawn(
                    run.startedAfresh(SlotManager.create(run), priority), "slot-manager", priority));
            ActorRef<ReviewInjector.Command> injector = watched(context,
                    context.spawn(run.startedAfresh(ReviewInjector.create(run)), "review-injector"));
            Map<String, ActorRef<SpecActor.Command>> specs = new LinkedHashMap<>();
            for (String spec : run.graph().specIds()) {
                specs.put(spec, watched(context, context.spawn(run.startedAfresh(SpecActor.create(run, spec)),
                        "spec-" + URLEncoder.encode(spec, StandardCharsets.UTF_8))));
            }
            directory.attach(slotManager, injector, specs,
                    (graph, added) -> context.getSelf().tell(new JoinSpecs(graph, added)));
            return Behaviors.receive(Command.class)
                    .onMessage(JoinSpecs.class, m -> {
                        RunContext grown = run.withGraph(m.graph());
                        // the specs there already learn their new dependents before any of those starts
                        // and asks them (a spec tells its dependents from its graph when it settles)
                        directory.specIds().forEach(spec -> directory.spec(spec, new SpecActor.GraphGrew(m.graph())));
                        for (String spec : m.specs()) {
                            if (!directory.has(spec)) {
                                directory.joined(spec, watched(context, context.spawn(
                                        grown.startedAfresh(SpecActor.create(grown, spec)),
                                        "spec-" + URLEncoder.encode(spec, StandardCharsets.UTF_8))));
                            }
                        }
                        injector.tell(new ReviewInjector.GraphGrew(m.graph()));
                        return Behaviors.same();
                    })
                    .onMessage(ToSlotManager.class, m -> {
                        slotManager.tell(m.command());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .onSignal(PostStop.class, stop -> {
                        runs.unregister(run.runId(), directory);
                        host.tell(new SessionHost.CancelAll(run.runId()));
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        // persistent actors stop only when their journal stayed unusable through every retry
                        run.supervisor().failed("the journal stayed unavailable: " + t.getRef().path().name()
                                + " gave up after " + run.journalRetries() + " attempts to reach it");
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static <T> ActorRef<T> watched(ActorContext<?> context, ActorRef<T> child) {
        context.watch(child);
        return child;
    }
}
