package io.slotflow.verify;

import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.QueueDecided;
import io.slotflow.event.RecordedWait;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.RunEvent;
import io.slotflow.event.RunResumed;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SlotsResized;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Category;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.Group;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.Spec;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Guarantee#RANK_ORDER} and {@link Guarantee#WAIT_REASON}, from the events alone. The slot
 * manager journals, with each decision that changes one, the reasons of the nodes it left waiting
 * ({@code queue-decided}, just before the decision's starts); this check keeps its own books of what
 * ran and tests each recorded reason against them, never against the rules that gave it:
 *
 * <ul>
 *   <li>a reason must be possible once the decision's starts are made: "no free slot" with fewer than K
 *       sessions running (one process only: a cluster member's own slots are not in the journal), "class
 *       quota" with the class under its quota, "footprint conflict with X" while X does not run or its
 *       footprint does not conflict (checked once the waiting node's footprint is known, at its
 *       dispatch), "waiting for the wave" outside wave mode or with nothing running, "category runs
 *       alone" with none of it running, a lazy hold for a node that is not lazy, a reserve for a class
 *       that has none, a category's turn or cooldown the plan does not declare;</li>
 *   <li>a node started while a node of a higher-ranked class waited must have been passed over for a
 *       reason that held just before that start (its class at its quota, a conflict with a node already
 *       running or started before it, its category running alone, a lazy hold, a reserve, a category
 *       rule): "no free slot" or "waiting for the wave" never do, since the start found a slot. A start
 *       that had waited about as long as its class's aging is skipped (aged nodes go first).</li>
 * </ul>
 *
 * Runs written before {@code queue-decided} existed carry no reasons: both checks find nothing to test
 * there.
 */
final class DecisionCheck {

    private static final Duration AGING_MARGIN = Duration.ofSeconds(1);

    private record Run(String node, int attempt, String workClass, Footprint footprint) {
    }

    private final List<Violation> violations = new ArrayList<>();
    private Plan plan;
    private int k;
    private boolean oneProcess = true;
    private final Map<String, WorkClass> classes = new HashMap<>();
    private final Map<String, String> groupClasses = new HashMap<>();
    private final Map<String, String> categoryOf = new HashMap<>();
    private final Set<String> lazy = new HashSet<>();
    private final Map<String, Run> running = new LinkedHashMap<>();
    /** Attempts whose branch waits in the merge queue: no slot, their footprint and category still held. */
    private final Map<String, Run> merging = new LinkedHashMap<>();
    /** The starts the last record announced that have not been seen yet, and the record's position. */
    private final java.util.Deque<String> announced = new java.util.ArrayDeque<>();
    private final Set<String> startingNow = new HashSet<>();
    private QueueDecided record;
    private int recordAt;
    private final Map<String, RecordedWait> waiting = new HashMap<>();
    /** Waiting node → the nodes it was said to conflict with, and their footprints: checked at its dispatch. */
    private final Map<String, Map<String, Run>> claimedConflicts = new HashMap<>();

    private DecisionCheck() {
    }

    static List<Violation> check(List<? extends RunEvent> events) {
        DecisionCheck check = new DecisionCheck();
        for (int i = 0; i < events.size(); i++) {
            check.see(events.get(i), i);
        }
        if (check.record != null) {
            check.checkReasons();
        }
        return check.violations;
    }

    private void see(RunEvent event, int i) {
        if (event instanceof PlanAccepted e) {
            accept(e.plan());
            return;
        } else if (plan == null) {
            return;
        }
        if (record != null && !(event instanceof NodeDispatched) && isSlotManagers(event)) {
            // the decision's starts are all written in one go, before anything else of the slot manager
            checkReasons();
        }
        if (event instanceof SlotsResized e) {
            k = e.to();
        } else if (event instanceof RunResumed) {
            waiting.clear(); // a restarted slot manager records its queue afresh
            claimedConflicts.clear();
        } else if (event instanceof ReviewsCreated e && e.injection() != Injection.EAGER) {
            lazy.addAll(e.nodes());
        } else if (event instanceof BatchFormed e) {
            lazy.add(e.batch());
        } else if (event instanceof NodeDispatched e) {
            dispatched(e, i);
        } else if (event instanceof SessionFinished e) {
            Run r = running.get(e.node());
            if (r != null && r.attempt() == e.attempt()) {
                running.remove(e.node());
            }
            Run q = merging.get(e.node());
            if (q != null && q.attempt() == e.attempt()) {
                merging.remove(e.node());
            }
        } else if (event instanceof io.slotflow.event.BranchQueued e) {
            Run r = running.get(e.node());
            if (r != null && r.attempt() == e.attempt()) {
                merging.put(e.node(), running.remove(e.node()));
            }
        } else if (event instanceof QueueDecided e) {
            decided(e, i);
        }
    }

    private static boolean isSlotManagers(RunEvent event) {
        return event instanceof SessionFinished || event instanceof io.slotflow.event.BranchQueued
                || event instanceof QueueDecided || event instanceof SlotsResized
                || event instanceof RunResumed || event instanceof io.slotflow.event.SessionStarted
                || event instanceof io.slotflow.event.RunCompleted || event instanceof io.slotflow.event.DispatchPaused;
    }

    private void accept(Plan accepted) {
        plan = accepted;
        k = accepted.run().slots();
        accepted.classes().forEach(c -> classes.put(c.name(), c));
        groupClasses.putAll(Verifier.groupClasses(accepted));
        for (Spec spec : accepted.specs()) {
            for (Group g : spec.groups()) {
                if (g.category() != null) {
                    categoryOf.put(spec.id() + ":" + g.id(), g.category());
                }
            }
        }
    }

    private void dispatched(NodeDispatched e, int i) {
        if (!NodeDispatched.LOCAL.equals(e.host())) {
            oneProcess = false;
        }
        waiting.remove(e.node());
        checkOrder(e, List.copyOf(running.values()), i);
        running.put(e.node(), new Run(e.node(), e.attempt(), e.workClass(), e.footprint()));
        Map<String, Run> claimed = claimedConflicts.remove(e.node());
        if (claimed != null) {
            for (Run other : claimed.values()) {
                if (Verifier.conflict(e.footprint(), other.footprint()) == null) {
                    violations.add(new Violation(Guarantee.WAIT_REASON, e.node() + " was recorded waiting for a "
                            + "footprint conflict with " + other.node() + ", but their footprints do not conflict",
                            List.of(i)));
                }
            }
        }
        if (record != null) {
            if (e.node().equals(announced.peekFirst())) {
                announced.removeFirst();
            } else {
                announced.clear();
            }
            if (announced.isEmpty()) {
                checkReasons();
            }
        }
    }

    /** A record: its reasons take effect now, and are tested once its starts have been made. */
    private void decided(QueueDecided e, int i) {
        e.left().forEach(waiting::remove);
        waiting.putAll(e.waiting());
        record = e;
        recordAt = i;
        announced.addAll(e.started());
        startingNow.addAll(e.started());
        if (announced.isEmpty()) {
            checkReasons();
        }
    }

    /** Every recorded reason must be possible once the decision's starts are made. */
    private void checkReasons() {
        List<Run> after = List.copyOf(running.values());
        for (Map.Entry<String, RecordedWait> w : waiting.entrySet()) {
            String problem = impossibleAfter(w.getKey(), w.getValue(), after);
            if (problem != null) {
                violations.add(new Violation(Guarantee.WAIT_REASON, w.getKey() + " recorded as waiting for "
                        + phrase(w.getValue()) + " at " + record.at() + ", but " + problem, List.of(recordAt)));
            }
        }
        record = null;
        announced.clear();
        startingNow.clear();
    }

    /** Why the reason could not hold once the decision's starts were made; null when it could. */
    private String impossibleAfter(String node, RecordedWait w, List<Run> after) {
        String nodeClass = Verifier.classOf(node, plan, groupClasses);
        switch (w.kind()) {
            case NO_FREE_SLOT:
                return oneProcess && after.size() < k ? after.size() + " of K = " + k + " slots were taken" : null;
            case CLASS_QUOTA: {
                WorkClass c = classes.get(w.about());
                if (!w.about().equals(nodeClass) || c == null) {
                    return "the node is of class " + nodeClass;
                }
                long holding = holding(after, c.name());
                int quota = Verifier.quotaAt(c, plan.run().slots(), k);
                return holding < quota ? "class " + c.name() + " held " + holding + " of its quota " + quota : null;
            }
            case FOOTPRINT_CONFLICT: {
                Run other = find(withMerging(after), w.about());
                if (other == null) {
                    return w.about() + " was not running";
                }
                claimedConflicts.computeIfAbsent(node, n -> new HashMap<>()).put(other.node(), other);
                return null;
            }
            case WAVE_IN_PROGRESS:
                return plan.run().dispatch() != DispatchMode.WAVE ? "the run does not dispatch in waves"
                        : after.isEmpty() ? "no session was running" : null;
            case HELD_FOR_IDLE_SLOT:
                return lazy.contains(node) ? null : "it is not a lazy node";
            case SLOT_RESERVED: {
                WorkClass c = classes.get(w.about());
                return c == null || c.reserve() == 0 || c.name().equals(nodeClass)
                        ? "class " + w.about() + " keeps no reserve for others" : null;
            }
            case CATEGORY_TURN:
                return plan.categories().stream().anyMatch(Category::hasShare) ? null
                        : "no category has a target share";
            case CATEGORY_RUNS_ALONE: {
                boolean alone = plan.categories().stream().anyMatch(c -> c.name().equals(w.about()) && !c.parallel());
                if (!alone) {
                    return "category " + w.about() + " is not declared parallel: false";
                }
                return ranAny(withMerging(after), w.about()) ? null : "no session of category " + w.about() + " was running";
            }
            case CATEGORY_COOLING_DOWN:
                return plan.categories().stream().anyMatch(c -> c.name().equals(w.about()) && c.coolsDown()) ? null
                        : "category " + w.about() + " has no cooldown";
            case RESOURCE_FULL:
                // the units each session holds are checked by the resource-capacity guarantee
                return plan.resources().containsKey(w.about()) ? null
                        : "the plan declares no resource " + w.about();
            default:
                return "a decision never gives that reason";
        }
    }

    /**
     * A start while a node of a higher-ranked class waited: the waiting node's reason must have held just
     * before the start, or that node could have taken the slot.
     */
    private void checkOrder(NodeDispatched s, List<Run> before, int i) {
        WorkClass sClass = classes.get(s.workClass());
        if (sClass == null || !Duration.between(s.readyAt(), s.at()).plus(AGING_MARGIN).minus(sClass.aging())
                .isNegative()) {
            return; // aged (or nearly): it goes before every class
        }
        for (Map.Entry<String, RecordedWait> w : waiting.entrySet()) {
            WorkClass mClass = classes.get(Verifier.classOf(w.getKey(), plan, groupClasses));
            if (mClass == null || mClass.rank() >= sClass.rank() || startingNow.contains(w.getKey())) {
                continue;
            }
            if (!heldBefore(w.getValue(), mClass, before)) {
                violations.add(new Violation(Guarantee.RANK_ORDER, s.node() + " (class " + sClass.name() + ", rank "
                        + sClass.rank() + ") started while " + w.getKey() + " (class " + mClass.name() + ", rank "
                        + mClass.rank() + ") waited for " + phrase(w.getValue()) + ", which did not hold: it could "
                        + "have taken the slot", List.of(i)));
            }
        }
    }

    /** The running sessions and the branches in the merge queue, which hold footprints and categories too. */
    private List<Run> withMerging(List<Run> sessions) {
        if (merging.isEmpty()) {
            return sessions;
        }
        List<Run> all = new ArrayList<>(sessions);
        all.addAll(merging.values());
        return all;
    }

    /** Could the reason have kept a node of {@code c} from the slot, with {@code before} running? */
    private boolean heldBefore(RecordedWait w, WorkClass c, List<Run> before) {
        switch (w.kind()) {
            case CLASS_QUOTA:
                return holding(before, c.name()) >= Verifier.quotaAt(c, plan.run().slots(), k);
            case FOOTPRINT_CONFLICT:
                return find(withMerging(before), w.about()) != null;
            case CATEGORY_RUNS_ALONE:
                return ranAny(withMerging(before), w.about());
            case HELD_FOR_IDLE_SLOT:
            case SLOT_RESERVED:
            case CATEGORY_TURN:
            case CATEGORY_COOLING_DOWN:
            case RESOURCE_FULL:
                return true; // not decided from the journal alone; the reason check above tests what it can
            default:
                return false; // no free slot, the wave: the start itself shows a slot was free
        }
    }

    private static long holding(List<Run> runs, String workClass) {
        return runs.stream().filter(r -> r.workClass().equals(workClass)).count();
    }

    private static Run find(List<Run> runs, String node) {
        for (Run r : runs) {
            if (r.node().equals(node)) {
                return r;
            }
        }
        return null;
    }

    private boolean ranAny(List<Run> runs, String category) {
        return runs.stream().anyMatch(r -> category.equals(categoryOf.get(r.node())));
    }

    private static String phrase(RecordedWait w) {
        String kind = w.kind().name().toLowerCase().replace('_', ' ');
        return w.about().isEmpty() ? kind : kind + " (" + w.about() + ")";
    }
}
