package io.slotflow.graph;

import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.Group;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.ReviewType;
import io.slotflow.plan.Spec;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The plan's implementation groups as a dependency graph, indexed for the engine's hot paths.
 *
 * <p>A group depends on the groups of its spec it names and, for every spec its spec depends on,
 * on that spec's sinks (its groups no other group of the spec depends on). Completing the sinks
 * implies completing the spec, so this is the same order with far fewer edges.
 *
 * <p>Review and batch nodes are made on demand ({@link #reviewNode}, {@link #batchNode}): they exist
 * only once a barrier is reached. Immutable once built; building is O(V + E).
 */
public final class PlanGraph {

    private final Plan plan;
    private final Map<String, NodeDef> groups = new LinkedHashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, List<String>> specNodes = new LinkedHashMap<>();
    private final Map<String, List<String>> specSinks = new HashMap<>();
    private final Map<String, List<String>> dependentSpecs = new HashMap<>();
    private final Map<String, List<String>> groupsAcross = new HashMap<>();
    private final Map<String, List<String>> dependentsAcross = new HashMap<>();
    private final Map<String, Integer> specOrder = new HashMap<>();
    private final Map<String, Spec> specs = new HashMap<>();
    private final Map<String, WorkClass> classes = new LinkedHashMap<>();
    private final Map<String, ReviewType> reviewTypes = new HashMap<>();
    private final List<String> topologicalOrder;
    private final Map<String, Long> bottomLevel = new HashMap<>();
    private final Map<String, Long> earliestFinish = new HashMap<>();

    private PlanGraph(Plan plan) {
        this.plan = plan;
        plan.classes().forEach(c -> classes.put(c.name(), c));
        plan.reviewTypes().forEach(t -> reviewTypes.put(t.name(), t));
        for (int i = 0; i < plan.specs().size(); i++) {
            Spec spec = plan.specs().get(i);
            specOrder.put(spec.id(), i);
            specs.put(spec.id(), spec);
            specNodes.put(spec.id(), spec.groups().stream().map(g -> NodeIds.group(spec.id(), g.id())).toList());
            specSinks.put(spec.id(), sinksOf(spec));
        }
        for (Spec spec : plan.specs()) {
            spec.dependsOn().forEach(dep -> dependentSpecs.computeIfAbsent(dep, d -> new ArrayList<>()).add(spec.id()));
            for (Group group : spec.groups()) {
                NodeDef node = groupNode(spec, group);
                groups.put(node.id(), node);
            }
        }
        for (NodeDef node : groups.values()) {
            for (String dep : node.dependsOn()) {
                dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(node.id());
            }
            for (String dep : groupsAcross.getOrDefault(node.id(), List.of())) {
                dependentsAcross.computeIfAbsent(dep, d -> new ArrayList<>()).add(node.id());
            }
        }
        topologicalOrder = sortTopologically();
        computeLevels();
    }

    /**
     * Builds the graph of a plan whose references resolve (see {@link io.slotflow.plan.PlanValidator}).
     *
     * @throws CycleException when dependencies form a cycle
     */
    public static PlanGraph of(Plan plan) {
        return new PlanGraph(plan);
    }

    public Plan plan() {
        return plan;
    }

    public int slots() {
        return plan.run().slots();
    }

    /** Every implementation group, in plan order. */
    public List<NodeDef> groupNodes() {
        return List.copyOf(groups.values());
    }

    public int groupCount() {
        return groups.size();
    }

    /** A group node by id. */
    public NodeDef group(String nodeId) {
        NodeDef node = groups.get(nodeId);
        if (node == null) {
            throw new NoSuchElementException("no group node " + nodeId);
        }
        return node;
    }

    public Optional<NodeDef> findGroup(String nodeId) {
        return Optional.ofNullable(groups.get(nodeId));
    }

    /** The groups that name this one as a dependency (including across specs). */
    public List<String> dependents(String nodeId) {
        return dependents.getOrDefault(nodeId, List.of());
    }

    /**
     * The groups of other specs this group names in its {@code depends-on} ({@code spec:group}): its
     * spec learns of their outcomes from their specs. Not the sinks of spec-level dependencies.
     */
    public List<String> groupsAcross(String nodeId) {
        return groupsAcross.getOrDefault(nodeId, List.of());
    }

    /** The groups of other specs that name this one in their {@code depends-on}. */
    public List<String> dependentsAcross(String nodeId) {
        return dependentsAcross.getOrDefault(nodeId, List.of());
    }

    /** Group node ids in topological order; ties keep plan order. */
    public List<String> topologicalOrder() {
        return topologicalOrder;
    }

    public List<String> specIds() {
        return List.copyOf(specNodes.keySet());
    }

    public Spec spec(String specId) {
        Spec spec = specs.get(specId);
        if (spec == null) {
            throw new NoSuchElementException("no spec " + specId);
        }
        return spec;
    }

    /** The spec's group node ids, in plan order. */
    public List<String> specNodes(String specId) {
        return specNodes.getOrDefault(specId, List.of());
    }

    /** The specs that name this one as a dependency, in plan order. */
    public List<String> dependentSpecs(String specId) {
        return dependentSpecs.getOrDefault(specId, List.of());
    }

    /** The spec's groups no other group of the spec depends on. */
    public List<String> specSinks(String specId) {
        return specSinks.getOrDefault(specId, List.of());
    }

    /** Position of the spec in the plan; earlier specs win ties in dispatch. */
    public int specOrder(String specId) {
        return specOrder.getOrDefault(specId, Integer.MAX_VALUE);
    }

    public WorkClass workClass(String className) {
        WorkClass c = classes.get(className);
        if (c == null) {
            throw new NoSuchElementException("no work class " + className);
        }
        return c;
    }

    public List<WorkClass> workClasses() {
        return List.copyOf(classes.values());
    }

    public ReviewType reviewType(String typeName) {
        ReviewType t = reviewTypes.get(typeName);
        if (t == null) {
            throw new NoSuchElementException("no review type " + typeName);
        }
        return t;
    }

    /** The review of {@code specId} of the given type, attached to the spec's last group. */
    public NodeDef reviewNode(String specId, String typeName, boolean lazy) {
        ReviewType type = reviewType(typeName);
        Spec spec = spec(specId);
        String id = NodeIds.review(specId, spec.lastGroup().id(), typeName);
        return new NodeDef(id, NodeKind.REVIEW, specId, type.workClass(), type.footprint().forSpec(specId),
                type.command(), type.estimate(), null, List.of(), List.of(specId), List.of(), lazy, type.uses());
    }

    /** A batched session with the given id running the given review nodes, all of one type; batches are lazy. */
    public NodeDef batchNode(String batchId, String typeName, List<String> memberIds) {
        ReviewType type = reviewType(typeName);
        List<String> reviewed = memberIds.stream().map(NodeIds::specOf).toList();
        List<String> readsUnion = new ArrayList<>();
        List<String> writesUnion = new ArrayList<>();
        for (String spec : reviewed) {
            Footprint f = type.footprint().forSpec(spec);
            readsUnion.addAll(f.reads());
            writesUnion.addAll(f.writes());
        }
        // a batch is estimated as one review session: merging exists to share that cost
        return new NodeDef(batchId, NodeKind.BATCH, reviewed.get(0), type.workClass(),
                new Footprint(readsUnion, writesUnion), type.command(), type.estimate(), null, List.of(), reviewed,
                memberIds, true, type.uses());
    }

    /** Critical-path length from the start of this group to the end of the plan's groups, in ms. */
    public long bottomLevelMillis(String nodeId) {
        Long level = bottomLevel.get(nodeId);
        return level != null ? level : 0L;
    }

    /** The longest chain of estimated durations through the groups. */
    public Duration criticalPath() {
        return Duration.ofMillis(earliestFinish.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** The groups on one longest chain, first to last. */
    public List<String> criticalPathNodes() {
        String last = null;
        long best = -1;
        for (String id : topologicalOrder) {
            if (earliestFinish.get(id) > best) {
                best = earliestFinish.get(id);
                last = id;
            }
        }
        List<String> path = new ArrayList<>();
        while (last != null) {
            path.add(0, last);
            String current = last;
            long start = earliestFinish.get(current) - estimateMillis(groups.get(current));
            last = groups.get(current).dependsOn().stream()
                    .filter(d -> earliestFinish.get(d) == start).findFirst().orElse(null);
        }
        return path;
    }

    /** Sum of all group estimates. */
    public Duration totalWork() {
        return Duration.ofMillis(groups.values().stream().mapToLong(this::estimateMillis).sum());
    }

    /**
     * The makespan no schedule on K slots can beat: {@code max(critical path, total work / K, the
     * work one footprint token serialises, the unit-time one counted resource's groups need over its capacity)}, each session cut at its class's timeout, counting the reviews the plan's barriers would create if every spec completed (each review
     * once, however many barriers name it; batched reviews as the fewest batches that hold them).
     */
    public Duration lowerBound() {
        long work = totalWork().toMillis();
        long path = criticalPath().toMillis();
        Map<String, Long> reviewReady = new HashMap<>();
        Map<String, Integer> batchSize = new HashMap<>();
        Map<String, Injection> injection = new HashMap<>();
        for (Barrier barrier : plan.barriers()) {
            List<String> covered = barrier.after().isEmpty() ? List.copyOf(specNodes.keySet()) : barrier.after();
            long reached = covered.stream().mapToLong(this::specEarliestFinish).max().orElse(0);
            for (String typeName : barrier.reviews()) {
                for (String spec : covered) {
                    String id = NodeIds.review(spec, "", typeName);
                    long ready = barrier.after().isEmpty() ? specEarliestFinish(spec) : reached;
                    reviewReady.merge(id, ready, Math::min);
                    // whichever barrier creates it, counting it batched when any may batch keeps this a bound
                    injection.merge(id, barrier.injection(),
                            (a, b) -> a == Injection.BATCHED || b == Injection.BATCHED ? Injection.BATCHED : a);
                }
                if (barrier.injection() == Injection.BATCHED) {
                    batchSize.merge(typeName, barrier.batchSize(), Math::max);
                }
            }
        }
        Map<String, Integer> batchedPerType = new HashMap<>();
        TokenWork serialised = new TokenWork();
        groups.values().forEach(g -> serialised.add(g.footprint(), estimateMillis(g)));
        for (Map.Entry<String, Long> review : reviewReady.entrySet()) {
            String type = NodeIds.reviewTypeOf(review.getKey());
            ReviewType reviewType = reviewType(type);
            long estimate = boundedMillis(reviewType.estimate(), reviewType.workClass());
            path = Math.max(path, review.getValue() + estimate);
            if (injection.get(review.getKey()) == Injection.BATCHED) {
                batchedPerType.merge(type, 1, Integer::sum);
            } else {
                work += estimate;
                serialised.add(reviewType.footprint().forSpec(NodeIds.specOf(review.getKey())), estimate);
            }
        }
        for (Map.Entry<String, Integer> batched : batchedPerType.entrySet()) {
            int size = Math.max(1, batchSize.get(batched.getKey()));
            ReviewType reviewType = reviewType(batched.getKey());
            work += (long) ((batched.getValue() + size - 1) / size)
                    * boundedMillis(reviewType.estimate(), reviewType.workClass());
        }
        long k = Math.max(1, plan.run().slots());
        return Duration.ofMillis(Math.max(Math.max(Math.max(path, (work + k - 1) / k), serialised.longestMillis()),
                resourceBoundMillis()));
    }

    /** The longest any counted resource keeps the groups that use it busy: units × time over its capacity. */
    private long resourceBoundMillis() {
        long longest = 0;
        for (Map.Entry<String, Integer> resource : plan.resources().entrySet()) {
            long unitMillis = 0;
            for (NodeDef g : groups.values()) {
                unitMillis += g.uses().getOrDefault(resource.getKey(), 0) * estimateMillis(g);
            }
            long capacity = Math.max(1, resource.getValue());
            longest = Math.max(longest, (unitMillis + capacity - 1) / capacity);
        }
        return longest;
    }

    private long specEarliestFinish(String specId) {
        return specNodes(specId).stream().mapToLong(earliestFinish::get).max().orElse(0);
    }

    /** A node's session as the bounds count it: its estimate, cut at its class's timeout (a longer one is killed). */
    private long estimateMillis(NodeDef node) {
        return boundedMillis(node.estimate(), node.workClass());
    }

    private long boundedMillis(Duration estimate, String workClass) {
        WorkClass c = classes.get(workClass);
        return c == null ? estimate.toMillis() : Math.min(estimate.toMillis(), c.timeout().toMillis());
    }

    private NodeDef groupNode(Spec spec, Group group) {
        List<String> deps = new ArrayList<>();
        String id = NodeIds.group(spec.id(), group.id());
        for (String dep : group.dependsOn()) {
            // a group of another spec is named spec:group, as its node id
            boolean across = dep.indexOf(':') >= 0 && !dep.startsWith(spec.id() + ":");
            deps.add(dep.indexOf(':') >= 0 ? dep : NodeIds.group(spec.id(), dep));
            if (across) {
                groupsAcross.computeIfAbsent(id, n -> new ArrayList<>()).add(dep);
            }
        }
        for (String specDep : spec.dependsOn()) {
            deps.addAll(specSinks.getOrDefault(specDep, List.of()));
        }
        return new NodeDef(id, NodeKind.GROUP, spec.id(), group.workClass(),
                group.footprint(), group.command(), group.estimate(), group.category(), deps, List.of(), List.of(),
                false, group.uses());
    }

    private static List<String> sinksOf(Spec spec) {
        java.util.Set<String> named = new java.util.HashSet<>();
        String own = spec.id() + ":";
        spec.groups().forEach(g -> g.dependsOn().forEach(d -> named.add(d.startsWith(own) ? d.substring(own.length()) : d)));
        return spec.groups().stream()
                .filter(g -> !named.contains(g.id()))
                .map(g -> NodeIds.group(spec.id(), g.id()))
                .toList();
    }

    private List<String> sortTopologically() {
        Map<String, Integer> unmet = new HashMap<>();
        for (NodeDef node : groups.values()) {
            unmet.put(node.id(), (int) node.dependsOn().stream().filter(groups::containsKey).count());
        }
        // Kahn's algorithm; a FIFO of ready nodes seeded in plan order keeps ties in plan order
        java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();
        groups.keySet().stream().filter(id -> unmet.get(id) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>(groups.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : dependents(id)) {
                if (unmet.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() < groups.size()) {
            Map<String, List<String>> edges = new LinkedHashMap<>();
            groups.values().forEach(n -> edges.put(n.id(), n.dependsOn()));
            throw new CycleException(Cycles.find(edges).get(0));
        }
        return List.copyOf(order);
    }

    private void computeLevels() {
        for (String id : topologicalOrder) {
            NodeDef node = groups.get(id);
            long start = node.dependsOn().stream().mapToLong(d -> earliestFinish.getOrDefault(d, 0L)).max().orElse(0);
            earliestFinish.put(id, start + estimateMillis(node));
        }
        for (int i = topologicalOrder.size() - 1; i >= 0; i--) {
            String id = topologicalOrder.get(i);
            long below = dependents(id).stream().mapToLong(d -> bottomLevel.getOrDefault(d, 0L)).max().orElse(0);
            bottomLevel.put(id, estimateMillis(groups.get(id)) + below);
        }
    }
}
