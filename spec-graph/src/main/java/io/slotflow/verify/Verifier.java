package io.slotflow.verify;

import io.slotflow.event.BatchFormed;
import io.slotflow.event.NodeBlocked;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeFailed;
import io.slotflow.event.NodeReady;
import io.slotflow.event.NodeSucceeded;
import io.slotflow.event.PlanAccepted;
import io.slotflow.event.ReviewsCreated;
import io.slotflow.event.NodesReopened;
import io.slotflow.event.RunCompleted;
import io.slotflow.event.RunRetried;
import io.slotflow.event.RunEvent;
import io.slotflow.event.SessionFinished;
import io.slotflow.event.SlotsResized;
import io.slotflow.event.SpecCompleted;
import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Borrow;
import io.slotflow.plan.Group;
import io.slotflow.plan.Plan;
import io.slotflow.plan.ReviewType;
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
 * Checks every guarantee of DESIGN.md from a run's events alone, in journal order. It shares no
 * code with the rules that produced the events (no graph, no policy, no state classes): it reads
 * the plan from the PlanAccepted event and keeps its own books, so a bug in the rules cannot hide
 * itself here.
 */
public final class Verifier {

    /** One attempt of a node (the verifier keeps its own vocabulary: it shares no code with the rules). */
    private record Attempt(String node, int attempt) {
    }

    private final Duration killGrace;

    /** @param killGrace how long past its timeout a session may take to die (TERM grace and latency) */
    public Verifier(Duration killGrace) {
        this.killGrace = killGrace;
    }

    public Verifier() {
        this(Duration.ofSeconds(10));
    }

    private record Running(String node, int attempt, int slot, String workClass, Footprint footprint, int index) {
    }

    /**
     * Per category, how many sessions started while another running session held the same
     * category-scoped lock ({@code lock:<category>} in its writes, or a {@code parallel: false}
     * category itself): always 0 when the footprint and category-alone guarantees hold.
     */
    public static Map<String, Integer> sameLockViolations(List<? extends RunEvent> events) {
        return SameLockCheck.count(events);
    }

    public List<Violation> check(List<? extends RunEvent> events) {
        List<Violation> violations = new ArrayList<>();
        Plan plan = null;
        Map<String, List<String>> dependencies = new HashMap<>();
        Map<String, WorkClass> classes = new HashMap<>();
        Map<String, Integer> succeededAt = new HashMap<>();
        Set<String> completedSpecs = new HashSet<>();
        Map<String, Integer> finalAt = new LinkedHashMap<>();
        Map<String, Integer> readyAttempt = new HashMap<>();
        Map<String, java.time.Instant> notBefore = new HashMap<>();
        // ready and not yet dispatched nor final, with the class each runs in: what a borrowed start is checked against
        Map<String, String> readyNow = new HashMap<>();
        Map<String, String> classOfNode = new HashMap<>();
        Map<String, List<String>> batchMembers = new HashMap<>();
        Map<String, Running> running = new LinkedHashMap<>();
        Map<Integer, Running> slots = new HashMap<>();
        // attempts whose branch waits in the merge queue: slot freed, outcome to come; with where it was queued
        Map<String, Running> merging = new LinkedHashMap<>();
        Map<String, Integer> queuedAt = new HashMap<>();
        Map<Attempt, Integer> successfulSession = new HashMap<>();
        // cancelled by an operator, with the index of the cancel: nothing may start for them after it
        Map<String, Integer> cancelledAt = new HashMap<>();
        ObservedWrites observedWrites = new ObservedWrites();
        boolean completed = false;
        int k = 0; // the plan's K, then each resize's

        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            if (event instanceof PlanAccepted e) {
                plan = e.plan();
                k = plan.run().slots();
                plan.classes().forEach(c -> classes.put(c.name(), c));
                dependencies.putAll(dependenciesOf(plan));
                classOfNode.putAll(groupClasses(plan));
                dependencies.keySet().forEach(n -> finalAt.putIfAbsent(n, null));
            } else if (plan == null) {
                violations.add(new Violation(Guarantee.FINAL_OUTCOME, "event before the plan was accepted", List.of(i)));
                return violations;
            } else if (event instanceof io.slotflow.event.SpecsAdded e) {
                // specs joined the live run: their groups are nodes that must reach a final outcome too
                plan = plan.withAddedSpecs(e.specs());
                Map<String, List<String>> all = dependenciesOf(plan);
                dependencies.putAll(all);
                classOfNode.putAll(groupClasses(plan));
                all.keySet().forEach(n -> finalAt.putIfAbsent(n, null));
            } else if (event instanceof SlotsResized e) {
                k = e.to();
            } else if (event instanceof ReviewsCreated e) {
                e.nodes().forEach(n -> finalAt.putIfAbsent(n, null));
            } else if (event instanceof BatchFormed e) {
                finalAt.putIfAbsent(e.batch(), null);
                batchMembers.put(e.batch(), e.members());
                e.members().forEach(readyNow::remove);
            } else if (event instanceof NodeReady e) {
                readyAttempt.put(e.node(), e.attempt());
                notBefore.put(e.node(), e.notBefore());
                readyNow.put(e.node(), classOf(e.node(), plan, classOfNode));
            } else if (event instanceof SpecCompleted e) {
                completedSpecs.add(e.spec());
            } else if (event instanceof NodeDispatched e) {
                Integer cancel = cancelledAt.get(e.node());
                if (cancel != null) {
                    violations.add(new Violation(Guarantee.CANCEL_HOLDS, e.node() + " attempt " + e.attempt()
                            + " was dispatched after an operator cancelled the node", List.of(cancel, i)));
                }
                java.time.Instant earliest = notBefore.get(e.node());
                if (earliest != null && e.at().isBefore(earliest)) {
                    violations.add(new Violation(Guarantee.READY_BEFORE_DISPATCH, e.node() + " attempt " + e.attempt()
                            + " started at " + e.at() + ", before its retry wait ended at " + earliest, List.of(i)));
                }
                checkDispatch(e, i, plan.run().slots(), k, classes, dependencies, succeededAt, completedSpecs, readyAttempt,
                        readyNow, batchMembers, running, slots, violations);
                Running r = new Running(e.node(), e.attempt(), e.slot(), e.workClass(), e.footprint(), i);
                running.put(e.node(), r);
                slots.put(e.slot(), r);
                readyAttempt.remove(e.node());
                readyNow.remove(e.node());
            } else if (event instanceof io.slotflow.event.BranchQueued e) {
                Running r = running.get(e.node());
                if (r != null && r.attempt() == e.attempt()) {
                    // the session ended here: its slot is free, its timeout covered it until now
                    running.remove(e.node());
                    slots.remove(r.slot());
                    checkTimeout(e.node(), e.at(), r, events, classes, violations, i);
                    merging.put(e.node(), r);
                    queuedAt.put(e.node(), i);
                }
            } else if (event instanceof SessionFinished e) {
                Running r = running.get(e.node());
                Running queued = merging.get(e.node());
                if (r != null && r.attempt() == e.attempt()) {
                    running.remove(e.node());
                    slots.remove(r.slot());
                    checkTimeout(e.node(), e.at(), r, events, classes, violations, i);
                    observedWrites.finished(e, r.footprint(), r.index(), i, violations);
                } else if (queued != null && queued.attempt() == e.attempt()) {
                    merging.remove(e.node());
                    // the session ran from its dispatch to its branch's entry into the queue
                    observedWrites.finished(e, queued.footprint(), queued.index(), queuedAt.remove(e.node()),
                            violations);
                }
                if (e.outcome().isSuccess()) {
                    successfulSession.put(new Attempt(e.node(), e.attempt()), i);
                }
            } else if (event instanceof NodeSucceeded e) {
                readyNow.remove(e.node());
                recordFinal(e.node(), i, finalAt, violations);
                succeededAt.put(e.node(), i);
                boolean hadSession = successfulSession.containsKey(new Attempt(e.node(), e.attempt()))
                        || batchMembers.entrySet().stream().anyMatch(b -> b.getValue().contains(e.node())
                                && successfulSession.containsKey(new Attempt(b.getKey(), e.attempt())));
                if (!hadSession) {
                    violations.add(new Violation(Guarantee.RUN_AFTER_SUCCESS,
                            e.node() + " succeeded without a successful session of attempt " + e.attempt(), List.of(i)));
                }
            } else if (event instanceof NodeFailed e) {
                readyNow.remove(e.node());
                recordFinal(e.node(), i, finalAt, violations);
            } else if (event instanceof NodeBlocked e) {
                readyNow.remove(e.node());
                recordFinal(e.node(), i, finalAt, violations);
            } else if (event instanceof io.slotflow.event.NodeCancelled e) {
                readyNow.remove(e.node());
                readyAttempt.remove(e.node());
                recordFinal(e.node(), i, finalAt, violations);
                cancelledAt.put(e.node(), i);
            } else if (event instanceof RunRetried) {
                completed = false;
            } else if (event instanceof NodesReopened e) {
                for (String node : e.nodes()) {
                    if (finalAt.get(node) == null) {
                        violations.add(new Violation(Guarantee.FINAL_OUTCOME,
                                node + " was reopened for a retry without a final outcome", List.of(i)));
                    }
                    finalAt.put(node, null);
                    cancelledAt.remove(node);
                }
            } else if (event instanceof RunCompleted) {
                completed = true;
                if (!running.isEmpty() || !merging.isEmpty()) {
                    violations.add(new Violation(Guarantee.FINAL_OUTCOME, "run completed with sessions still running "
                            + "or branches in the merge queue: " + running.keySet() + merging.keySet(), List.of(i)));
                }
            }
        }
        if (completed) {
            finalAt.forEach((node, at) -> {
                if (at == null) {
                    violations.add(new Violation(Guarantee.FINAL_OUTCOME,
                            node + " has no final outcome although the run completed", List.of(events.size() - 1)));
                }
            });
        }
        violations.addAll(CategoryAloneCheck.check(events));
        violations.addAll(DecisionCheck.check(events));
        violations.addAll(ResourceCapacityCheck.check(events));
        return violations;
    }

    /** A class's quota once K is {@code k}: a quota of every slot of the plan follows K, none exceeds it. */
    static int quotaAt(WorkClass c, int planSlots, int k) {
        return c.quota() >= planSlots ? k : Math.min(c.quota(), k);
    }

    private void checkDispatch(NodeDispatched e, int i, int planSlots, int k, Map<String, WorkClass> classes,
            Map<String, List<String>> dependencies, Map<String, Integer> succeededAt, Set<String> completedSpecs,
            Map<String, Integer> readyAttempt, Map<String, String> readyNow, Map<String, List<String>> batchMembers,
            Map<String, Running> running, Map<Integer, Running> slots, List<Violation> violations) {
        if (running.size() + 1 > k) {
            violations.add(new Violation(Guarantee.CAPACITY, e.node() + " started as session " + (running.size() + 1)
                    + " of K = " + k, evidence(running.values(), i)));
        }
        WorkClass c = classes.get(e.workClass());
        long sameClass = running.values().stream().filter(r -> r.workClass().equals(e.workClass())).count();
        if (e.borrowed()) {
            checkBorrow(e, i, c, sameClass, classes, readyNow, violations);
        } else if (c != null && sameClass + 1 > quotaAt(c, planSlots, k)) {
            violations.add(new Violation(Guarantee.QUOTA, e.node() + " started as " + e.workClass() + " session "
                    + (sameClass + 1) + " of quota " + quotaAt(c, planSlots, k),
                    evidence(running.values().stream().filter(r -> r.workClass().equals(e.workClass())).toList(), i)));
        }
        for (Running r : running.values()) {
            String token = conflict(e.footprint(), r.footprint());
            if (token != null) {
                violations.add(new Violation(Guarantee.FOOTPRINT, e.node() + " started while " + r.node()
                        + " held a conflicting footprint (token " + token + ")", List.of(r.index(), i)));
            }
        }
        Integer ready = readyAttempt.get(e.node());
        if (ready == null || ready != e.attempt()) {
            violations.add(new Violation(Guarantee.READY_BEFORE_DISPATCH, e.node() + " dispatched for attempt "
                    + e.attempt() + " but ready for " + (ready == null ? "none" : "attempt " + ready), List.of(i)));
        }
        if (e.slot() < 0 || e.slot() >= k || slots.containsKey(e.slot())) {
            violations.add(new Violation(Guarantee.READY_BEFORE_DISPATCH, e.node() + " dispatched into slot "
                    + e.slot() + (slots.containsKey(e.slot()) ? ", held by " + slots.get(e.slot()).node() : ""),
                    List.of(i)));
        }
        if (succeededAt.containsKey(e.node())) {
            violations.add(new Violation(Guarantee.RUN_AFTER_SUCCESS, e.node() + " dispatched again after it succeeded",
                    List.of(succeededAt.get(e.node()), i)));
        }
        for (String dep : dependencies.getOrDefault(e.node(), List.of())) {
            if (!succeededAt.containsKey(dep)) {
                violations.add(new Violation(Guarantee.DEPENDENCIES, e.node() + " started before its dependency "
                        + dep + " completed", List.of(i)));
            }
        }
        List<String> reviewed = batchMembers.containsKey(e.node())
                ? batchMembers.get(e.node()).stream().map(Verifier::specPart).toList()
                : dependencies.containsKey(e.node()) ? List.of() : List.of(specPart(e.node()));
        for (String spec : reviewed) {
            if (!completedSpecs.contains(spec)) {
                violations.add(new Violation(Guarantee.DEPENDENCIES, e.node() + " started before spec " + spec
                        + " it reviews completed", List.of(i)));
            }
        }
    }

    /**
     * A borrowed start: only by a class that borrows, only beyond its quota, and never while a node of a
     * higher rank was ready (as far as the journal shows: made ready and not yet dispatched).
     */
    private static void checkBorrow(NodeDispatched e, int i, WorkClass c, long sameClass,
            Map<String, WorkClass> classes, Map<String, String> readyNow, List<Violation> violations) {
        if (c == null) {
            return;
        }
        if (c.borrow() != Borrow.BACKFILL) {
            violations.add(new Violation(Guarantee.QUOTA, e.node() + " borrowed a slot, but class " + c.name()
                    + " never borrows", List.of(i)));
        } else if (sameClass < c.quota()) {
            violations.add(new Violation(Guarantee.QUOTA, e.node() + " is marked borrowed, but class " + c.name()
                    + " held " + sameClass + " of its quota " + c.quota(), List.of(i)));
        }
        for (Map.Entry<String, String> ready : readyNow.entrySet()) {
            String waiting = ready.getKey();
            WorkClass other = classes.get(ready.getValue());
            if (!waiting.equals(e.node()) && other != null && other.rank() < c.rank()) {
                violations.add(new Violation(Guarantee.QUOTA, e.node() + " borrowed a slot beyond the " + c.name()
                        + " quota while " + waiting + " of higher-ranked class " + other.name() + " was ready",
                        List.of(i)));
            }
        }
    }

    private void checkTimeout(String node, java.time.Instant endedAt, Running r, List<? extends RunEvent> events,
            Map<String, WorkClass> classes, List<Violation> violations, int i) {
        WorkClass c = classes.get(r.workClass());
        if (c == null) {
            return;
        }
        Duration ran = Duration.between(events.get(r.index()).at(), endedAt);
        if (ran.compareTo(c.timeout().plus(killGrace)) > 0) {
            violations.add(new Violation(Guarantee.TIMEOUT, node + " ran " + ran + ", past its timeout "
                    + c.timeout() + " plus grace " + killGrace, List.of(r.index(), i)));
        }
    }

    private static void recordFinal(String node, int i, Map<String, Integer> finalAt, List<Violation> violations) {
        Integer earlier = finalAt.get(node);
        if (earlier != null) {
            violations.add(new Violation(Guarantee.FINAL_OUTCOME, node + " reached a second final outcome",
                    List.of(earlier, i)));
        } else {
            finalAt.put(node, i);
        }
    }

    private static List<Integer> evidence(java.util.Collection<Running> others, int i) {
        List<Integer> positions = new ArrayList<>();
        others.forEach(r -> positions.add(r.index()));
        positions.add(i);
        return positions;
    }

    /** The conflict rule, written out again on purpose: share a token, one writes; no tokens = all. */
    static String conflict(Footprint a, Footprint b) {
        boolean aAll = a.writes().contains("*");
        boolean bAll = b.writes().contains("*");
        if (aAll || bAll) {
            return "*";
        }
        for (String t : a.writes()) {
            if (b.writes().contains(t) || b.reads().contains(t)) {
                return t;
            }
        }
        for (String t : b.writes()) {
            if (a.reads().contains(t)) {
                return t;
            }
        }
        return null;
    }

    /** Group node → the class it runs in. */
    static Map<String, String> groupClasses(Plan plan) {
        Map<String, String> classOf = new HashMap<>();
        plan.specs().forEach(s -> s.groups().forEach(g -> classOf.put(s.id() + ":" + g.id(), g.workClass())));
        return classOf;
    }

    /** A node's class: a group's from the plan, a review's or a batch's from its review type (the id's last part). */
    static String classOf(String node, Plan plan, Map<String, String> groupClasses) {
        String group = groupClasses.get(node);
        if (group != null) {
            return group;
        }
        for (ReviewType type : plan.reviewTypes()) {
            if (node.endsWith(":" + type.name())) {
                return type.workClass();
            }
        }
        return "";
    }

    /**
     * Group node → the groups it waits for: the groups it names (of its own spec or another) and every
     * group of the specs its spec depends on.
     */
    private static Map<String, List<String>> dependenciesOf(Plan plan) {
        Map<String, Spec> specs = new HashMap<>();
        plan.specs().forEach(s -> specs.put(s.id(), s));
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (Spec spec : plan.specs()) {
            for (Group group : spec.groups()) {
                List<String> all = new ArrayList<>();
                // a group of another spec is named spec:group, a group of its own by its id
                group.dependsOn().forEach(g -> all.add(g.indexOf(':') >= 0 ? g : spec.id() + ":" + g));
                for (String other : spec.dependsOn()) {
                    specs.get(other).groups().forEach(g -> all.add(other + ":" + g.id()));
                }
                deps.put(spec.id() + ":" + group.id(), all);
            }
        }
        return deps;
    }

    private static String specPart(String node) {
        return node.substring(0, node.indexOf(':'));
    }
}
