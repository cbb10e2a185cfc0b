package io.slotflow.metrics;

import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeReady;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.graph.NodeIds;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much one class's ready work waited because another class held the slots, read from a run's
 * events: the measure of review starvation. While every slot is taken, each running session of
 * the holding class keeps at most one ready node of the waiting class out, so the lost time is
 * the integral of {@code min(waiting, held)} over the time the slots are full.
 *
 * @param waitedBehind node-time the waiting class spent ready behind the holding class
 * @param mostHeldWhileWaiting the most slots the holding class held while the waiting class had ready work
 * @param everySlotHeldWhileWaiting true when at some moment the holding class held every slot while the waiting class had ready work
 */
public record ClassInterference(Duration waitedBehind, int mostHeldWhileWaiting, boolean everySlotHeldWhileWaiting) {

    /** Implementation work waiting behind reviews, the default classes' names. */
    public static ClassInterference implementationBehindReviews(List<? extends RunEvent> events) {
        return of(events, "implementation", "review");
    }

    public static ClassInterference of(List<? extends RunEvent> events, String waitingClass, String holdingClass) {
        Map<String, String> groupClass = new HashMap<>();
        Map<String, String> runningClass = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        int slots = 0;
        int held = 0;
        long lostMillis = 0;
        int most = 0;
        boolean everySlot = false;
        Instant last = null;
        for (RunEvent event : events) {
            if (last != null && runningClass.size() == slots && slots > 0) {
                lostMillis += Math.min(waiting.size(), held) * Duration.between(last, event.at()).toMillis();
            }
            last = event.at();
            if (event instanceof PlanAccepted e) {
                slots = e.plan().run().slots();
                groupClass.putAll(classesOf(e.plan()));
            } else if (event instanceof NodeReady e && waitingClass.equals(classOf(e.node(), groupClass))) {
                waiting.add(e.node());
            } else if (event instanceof NodeDispatched e) {
                waiting.remove(e.node());
                runningClass.put(e.node(), e.workClass());
                if (e.workClass().equals(holdingClass)) {
                    held++;
                }
            } else if (event instanceof SessionFinished e) {
                String cls = runningClass.remove(e.node());
                if (holdingClass.equals(cls)) {
                    held--;
                }
            }
            if (!waiting.isEmpty()) {
                most = Math.max(most, held);
                everySlot |= slots > 0 && held == slots;
            }
        }
        return new ClassInterference(Duration.ofMillis(lostMillis), most, everySlot);
    }

    private static String classOf(String node, Map<String, String> classes) {
        return NodeIds.kindOf(node) == NodeKind.GROUP ? classes.get(node) : classes.get(NodeIds.reviewTypeOf(node));
    }

    /** Group node id → class, and review type name → class. */
    private static Map<String, String> classesOf(Plan plan) {
        Map<String, String> classes = new HashMap<>();
        plan.reviewTypes().forEach(t -> classes.put(t.name(), t.workClass()));
        for (Spec spec : plan.specs()) {
            for (Group group : spec.groups()) {
                classes.put(NodeIds.group(spec.id(), group.id()), group.workClass());
            }
        }
        return classes;
    }
}
