package io.slotflow.plan;

import io.slotflow.footprint.Footprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link PlanTree} into a {@link Plan}, filling in defaults, and records every problem of
 * shape — unknown keys, wrong types, bad values — with its position. Checks that need the whole plan
 * (references, cycles, quotas) are {@link PlanValidator}'s.
 */
final class PlanReader {

    private static final Set<String> TOP = Set.of("name", "run", "classes", "review-types", "barriers", "specs",
            "workspace", "categories", "resources", "sources");
    private static final Set<String> SOURCE = Set.of("category", "command", "workdir", "env", "timeout", "retries",
            "backoff");
    private static final Set<String> WORKSPACE = Set.of("type", "repository", "target", "gate");
    private static final Set<String> CATEGORY = Set.of("share", "parallel", "respawn", "cooldown", "cooldown-after");
    private static final Set<String> RUN = Set.of("slots", "dispatch", "order", "spec-turns");
    private static final Set<String> CLASS = Set.of("rank", "quota", "reserve", "timeout", "heartbeat",
            "max-attempts", "aging", "borrow", "workspace", "retry-backoff", "retry-backoff-max",
            "retry-backoff-jitter", "respawn");
    private static final Set<String> REVIEW_TYPE = Set.of("class", "command", "workdir", "env", "estimate", "reads",
            "writes", "uses");
    private static final Set<String> BARRIER = Set.of("name", "after", "every", "reviews", "injection", "batch-size");
    private static final Set<String> GROUP = Set.of("id", "depends-on", "class", "command", "workdir", "env",
            "estimate", "category", "reads", "writes", "uses");
    private static final Set<String> GROUP_WORK = Set.of("class", "command", "workdir", "env", "estimate", "category",
            "reads", "writes", "uses");
    private static final Set<String> SPEC = union(Set.of("id", "depends-on", "groups"), GROUP_WORK);

    private final String file;
    private final List<PlanProblem> problems;
    private final PlanLocations locations = new PlanLocations();
    private final PlanParser.Overrides overrides;

    PlanReader(String file, List<PlanProblem> problems, PlanParser.Overrides overrides) {
        this.file = file;
        this.problems = problems;
        this.overrides = overrides;
    }

    PlanLocations locations() {
        return locations;
    }

    Plan read(PlanTree tree, String defaultName) {
        PlanTree.Mapping top = mapping(tree, "", "the plan");
        if (top == null) {
            return null;
        }
        keys(top, "", TOP);
        String name = top.entries().containsKey("name") ? text(value(top, "name"), "", "name") : defaultName;
        RunSettings run = run(value(top, "run"));
        List<WorkClass> classes = classes(value(top, "classes"), run.slots());
        List<ReviewType> reviewTypes = reviewTypes(value(top, "review-types"));
        List<Barrier> barriers = barriers(value(top, "barriers"));
        PlanTree specsNode = value(top, "specs");
        if (specsNode == null) {
            problem(top, "", "no 'specs': a plan needs at least one spec");
        }
        List<Spec> specs = specs(specsNode);
        Workspace workspace = workspace(value(top, "workspace"));
        List<Category> categories = categories(value(top, "categories"));
        Map<String, Integer> resources = amounts(value(top, "resources"), "resources", "resources");
        List<WorkSource> sources = sources(value(top, "sources"), categories);
        return new Plan(name == null ? defaultName : name, run, classes, specs, reviewTypes, barriers, workspace,
                categories, resources, sources);
    }

    /**
     * A mapping of counted resources to whole numbers: the plan's {@code resources} (capacities) or a
     * node's {@code uses}. Each entry's position is noted as {@code <field> <name>} for the validator.
     */
    private Map<String, Integer> amounts(PlanTree node, String where, String field) {
        Map<String, Integer> amounts = new LinkedHashMap<>();
        PlanTree.Mapping given = node == null ? null : mapping(node, where, "'" + field + "'");
        if (given == null) {
            return amounts;
        }
        locations.put(where, field, given.line(), given.column());
        for (PlanTree.Entry e : given.entries().values()) {
            locations.put(where, field + " " + e.key(), e.line(), e.column());
            Integer n = integer(e.value(), where, field + " " + e.key());
            if (n != null) {
                amounts.put(e.key(), n);
            }
        }
        return amounts;
    }

    /** Only the specs of {@code {specs: [...]}}: the specs a work source's items add to a live run. */
    List<Spec> specsOnly(PlanTree tree) {
        PlanTree.Mapping top = mapping(tree, "", "the items");
        PlanTree list = top == null ? null : value(top, "specs");
        // no items is a source with nothing to do, not a plan without specs
        return list instanceof PlanTree.Sequence seq && seq.items().isEmpty() ? List.of() : specs(list);
    }

    private List<WorkSource> sources(PlanTree node, List<Category> categories) {
        List<WorkSource> sources = new ArrayList<>();
        PlanTree.Mapping given = node == null ? null : mapping(node, "sources", "sources");
        if (given == null) {
            return sources;
        }
        for (PlanTree.Entry entry : given.entries().values()) {
            String where = "source " + entry.key();
            locations.put(where, null, entry.line(), entry.column());
            PlanTree.Mapping m = mapping(entry.value(), where, "a work source");
            if (m == null) {
                continue;
            }
            keys(m, where, SOURCE);
            String category = text(value(m, "category"), where, "category");
            if (category == null && value(m, "category") == null) {
                problem(m, where, "a work source needs a 'category' it finds work for");
            } else if (category != null && categories.stream().noneMatch(c -> c.name().equals(category))) {
                problem(value(m, "category"), where, "category '" + category + "' is not declared under 'categories'");
            }
            Integer retries = integer(value(m, "retries"), where, "retries");
            if (retries != null && retries < 0) {
                problem(value(m, "retries"), where, "'retries' must be 0 or more, got " + retries);
            }
            sources.add(new WorkSource(entry.key(), category == null ? "" : category, command(m, where),
                    duration(value(m, "timeout"), where, "timeout"), or(retries, WorkSource.DEFAULT_RETRIES),
                    duration(value(m, "backoff"), where, "backoff")));
        }
        return sources;
    }

    /**
     * Reads the specs of an addition to a live run: a document with one key, {@code specs}, written
     * as a plan's (the rest of the plan is the run's and does not change).
     */
    List<Spec> readAddition(PlanTree tree) {
        PlanTree.Mapping top = mapping(tree, "", "an addition");
        if (top == null) {
            return List.of();
        }
        keys(top, "", Set.of("specs"));
        PlanTree specsNode = value(top, "specs");
        if (specsNode == null) {
            problem(top, "", "no 'specs': an addition needs at least one spec");
        }
        return specs(specsNode);
    }

    private List<Category> categories(PlanTree node) {
        List<Category> categories = new ArrayList<>();
        PlanTree.Mapping given = node == null ? null : mapping(node, "categories", "categories");
        if (given == null) {
            return categories;
        }
        locations.put("categories", null, given.line(), given.column());
        for (PlanTree.Entry entry : given.entries().values()) {
            String where = "category " + entry.key();
            locations.put(where, null, entry.line(), entry.column());
            PlanTree.Mapping c = mapping(entry.value(), where, "a category");
            if (c == null) {
                continue;
            }
            keys(c, where, CATEGORY);
            for (String field : CATEGORY) {
                note(c, where, field);
            }
            Integer after = integer(value(c, "cooldown-after"), where, "cooldown-after");
            if (after != null && after < 1 && value(c, "cooldown-after") != null) {
                problem(value(c, "cooldown-after"), where, "'cooldown-after' must be at least 1, got " + after);
                after = null;
            }
            categories.add(new Category(entry.key(), or(share(value(c, "share"), where), Category.NO_SHARE),
                    or(bool(value(c, "parallel"), where, "parallel"), true),
                    or(choice(value(c, "respawn"), where, "respawn", Respawn.class), Respawn.NEVER),
                    or(duration(value(c, "cooldown"), where, "cooldown"), java.time.Duration.ZERO),
                    or(after, Category.DEFAULT_COOLDOWN_AFTER)));
        }
        return categories;
    }

    // ---- sections --------------------------------------------------------------------------

    private RunSettings run(PlanTree node) {
        int slots = PlanDefaults.SLOTS;
        DispatchMode dispatch = PlanDefaults.DISPATCH;
        DispatchOrder order = DispatchOrder.CRITICAL_PATH;
        SpecTurns specTurns = RunSettings.DEFAULT_SPEC_TURNS;
        PlanTree.Mapping run = node == null ? null : mapping(node, "run", "run");
        if (run != null) {
            keys(run, "run", RUN);
            locations.put("run", null, run.line(), run.column());
            note(run, "run", "slots");
            Integer k = integer(value(run, "slots"), "run", "slots");
            slots = k == null ? slots : k;
            DispatchMode mode = choice(value(run, "dispatch"), "run", "dispatch", DispatchMode.class);
            dispatch = mode == null ? dispatch : mode;
            order = or(choice(value(run, "order"), "run", "order", DispatchOrder.class), order);
            specTurns = or(choice(value(run, "spec-turns"), "run", "spec-turns", SpecTurns.class), specTurns);
        }
        return new RunSettings(or(overrides.slots(), slots), or(overrides.dispatch(), dispatch), order, specTurns);
    }

    private List<WorkClass> classes(PlanTree node, int slots) {
        Map<String, WorkClass> classes = new LinkedHashMap<>();
        classes.put(WorkClass.IMPLEMENTATION, PlanDefaults.implementation(slots));
        classes.put(WorkClass.REVIEW, PlanDefaults.review(slots));
        PlanTree.Mapping given = node == null ? null : mapping(node, "classes", "classes");
        if (given == null) {
            return List.copyOf(classes.values());
        }
        for (PlanTree.Entry entry : given.entries().values()) {
            String where = "class " + entry.key();
            locations.put(where, null, entry.line(), entry.column());
            PlanTree.Mapping c = mapping(entry.value(), where, "a class");
            if (c == null) {
                continue;
            }
            keys(c, where, CLASS);
            WorkClass base = classes.get(entry.key());
            if (base == null && !c.entries().containsKey("rank")) {
                problem(c, where, "a new class needs a 'rank' (implementation is 0, review is 1)");
            }
            if (base == null) {
                base = new WorkClass(entry.key(), 0, slots, 0, PlanDefaults.IMPLEMENTATION_TIMEOUT, null,
                        PlanDefaults.MAX_ATTEMPTS, PlanDefaults.AGING);
            }
            for (String field : CLASS) {
                note(c, where, field);
            }
            classes.put(entry.key(), new WorkClass(entry.key(),
                    or(integer(value(c, "rank"), where, "rank"), base.rank()),
                    or(integer(value(c, "quota"), where, "quota"), base.quota()),
                    or(integer(value(c, "reserve"), where, "reserve"), base.reserve()),
                    or(duration(value(c, "timeout"), where, "timeout"), base.timeout()),
                    c.entries().containsKey("heartbeat") ? duration(value(c, "heartbeat"), where, "heartbeat")
                            : base.heartbeat(),
                    or(integer(value(c, "max-attempts"), where, "max-attempts"), base.maxAttempts()),
                    or(duration(value(c, "aging"), where, "aging"), base.aging()),
                    or(choice(value(c, "borrow"), where, "borrow", Borrow.class), base.borrow()),
                    or(choice(value(c, "workspace"), where, "workspace", WorkspaceKind.class), base.workspace()),
                    backoff(c, where, base.retryBackoff()),
                    or(choice(value(c, "respawn"), where, "respawn", Respawn.class), base.respawn())));
        }
        return List.copyOf(classes.values());
    }

    /** {@code workspace: git}, or a mapping with {@code type}, {@code repository}, {@code target}, {@code gate}. */
    private Workspace workspace(PlanTree node) {
        if (node == null) {
            return Workspace.NONE;
        }
        locations.put("workspace", null, node.line(), node.column());
        if (node instanceof PlanTree.Scalar) {
            return planKind(node, "workspace") == WorkspaceKind.GIT ? new Workspace(WorkspaceKind.GIT, "", "", "")
                    : Workspace.NONE;
        }
        PlanTree.Mapping w = mapping(node, "workspace", "workspace");
        if (w == null) {
            return Workspace.NONE;
        }
        keys(w, "workspace", WORKSPACE);
        WorkspaceKind kind = value(w, "type") == null ? WorkspaceKind.GIT : planKind(value(w, "type"), "type");
        return kind != WorkspaceKind.GIT ? Workspace.NONE : new Workspace(WorkspaceKind.GIT,
                text(value(w, "repository"), "workspace", "repository"), text(value(w, "target"), "workspace", "target"),
                text(value(w, "gate"), "workspace", "gate"));
    }

    /** A plan's workspace is git or none ({@code inherit} is for classes only). */
    private WorkspaceKind planKind(PlanTree node, String what) {
        String t = text(node, "workspace", what);
        if ("git".equals(t)) {
            return WorkspaceKind.GIT;
        }
        if (t != null && !"none".equals(t)) {
            problem(node, "workspace", "'" + what + "' must be git or none, got '" + t + "'");
        }
        return WorkspaceKind.NONE;
    }

    /** {@code retry-backoff} (the first wait), {@code retry-backoff-max}, {@code retry-backoff-jitter} (percent). */
    private RetryBackoff backoff(PlanTree.Mapping c, String where, RetryBackoff base) {
        Duration first = or(duration(value(c, "retry-backoff"), where, "retry-backoff"), base.first());
        if (first == null || first.isZero()) {
            return RetryBackoff.NONE;
        }
        Duration max = or(duration(value(c, "retry-backoff-max"), where, "retry-backoff-max"),
                base.isNone() ? first.multipliedBy(RetryBackoff.DEFAULT_MAX_FACTOR) : base.max());
        Integer jitter = or(integer(value(c, "retry-backoff-jitter"), where, "retry-backoff-jitter"),
                base.isNone() ? RetryBackoff.DEFAULT_JITTER_PERCENT : base.jitterPercent());
        return new RetryBackoff(first, max == null ? first : max, jitter == null ? 0 : jitter);
    }

    private List<ReviewType> reviewTypes(PlanTree node) {
        List<ReviewType> types = new ArrayList<>();
        PlanTree.Mapping given = node == null ? null : mapping(node, "review-types", "review-types");
        if (given == null) {
            return types;
        }
        for (PlanTree.Entry entry : given.entries().values()) {
            String where = "review type " + entry.key();
            locations.put(where, null, entry.line(), entry.column());
            PlanTree.Mapping t = mapping(entry.value(), where, "a review type");
            if (t == null) {
                continue;
            }
            keys(t, where, REVIEW_TYPE);
            String cls = or(text(value(t, "class"), where, "class"), WorkClass.REVIEW);
            note(t, where, "class");
            note(t, where, "estimate");
            types.add(new ReviewType(entry.key(), cls, footprint(t, where), command(t, where),
                    or(duration(value(t, "estimate"), where, "estimate"), PlanDefaults.ESTIMATE),
                    amounts(value(t, "uses"), where, "uses")));
        }
        return types;
    }

    private List<Barrier> barriers(PlanTree node) {
        List<Barrier> barriers = new ArrayList<>();
        PlanTree.Sequence given = node == null ? null : sequence(node, "barriers", "barriers");
        if (given == null) {
            return barriers;
        }
        int n = 0;
        for (PlanTree item : given.items()) {
            n++;
            String fallbackName = "barrier-" + n;
            PlanTree.Mapping b = mapping(item, "barrier " + n, "a barrier");
            if (b == null) {
                continue;
            }
            String name = or(text(value(b, "name"), "barrier " + n, "name"), fallbackName);
            String where = "barrier " + name;
            place(where, b);
            keys(b, where, BARRIER);
            noteList(b, where, "after");
            noteList(b, where, "reviews");
            note(b, where, "every");
            note(b, where, "batch-size");
            barriers.add(new Barrier(name,
                    or(strings(value(b, "after"), where, "after"), List.of()),
                    or(integer(value(b, "every"), where, "every"), 0),
                    or(strings(value(b, "reviews"), where, "reviews"), List.of()),
                    or(choice(value(b, "injection"), where, "injection", Injection.class), PlanDefaults.INJECTION),
                    or(integer(value(b, "batch-size"), where, "batch-size"), PlanDefaults.BATCH_SIZE)));
        }
        return barriers;
    }

    private List<Spec> specs(PlanTree node) {
        List<Spec> specs = new ArrayList<>();
        PlanTree.Sequence given = node == null ? null : sequence(node, "specs", "specs");
        if (given == null) {
            return specs;
        }
        if (given.items().isEmpty()) {
            problem(given, "specs", "a plan needs at least one spec");
            return specs;
        }
        int n = 0;
        for (PlanTree item : given.items()) {
            n++;
            PlanTree.Mapping s = mapping(item, "spec " + n, "a spec");
            if (s == null) {
                continue;
            }
            String id = text(value(s, "id"), "spec " + n, "id");
            if (id == null) {
                if (!s.entries().containsKey("id")) {
                    problem(s, "spec " + n, "a spec needs an 'id'");
                }
                id = "#" + n;
            }
            String where = "spec " + id;
            place(where, s);
            keys(s, where, SPEC);
            noteList(s, where, "depends-on");
            List<String> dependsOn = or(strings(value(s, "depends-on"), where, "depends-on"), List.of());
            List<Group> groups = new ArrayList<>();
            PlanTree groupsNode = value(s, "groups");
            if (groupsNode != null) {
                for (String key : GROUP_WORK) {
                    if (s.entries().containsKey(key)) {
                        PlanTree.Entry e = s.entries().get(key);
                        problems.add(new PlanProblem(file, e.line(), e.column(), where, "'" + key
                                + "' belongs to a group: a spec gives either 'groups' or one group's keys, not both"));
                    }
                }
                PlanTree.Sequence list = sequence(groupsNode, where, "groups");
                if (list != null) {
                    int g = 0;
                    for (PlanTree groupItem : list.items()) {
                        g++;
                        Group group = group(groupItem, id, g);
                        if (group != null) {
                            groups.add(group);
                        }
                    }
                }
            } else if (s.entries().containsKey("command")) {
                // the short form: a spec with one group's keys is that one group, with id 0
                locations.put(where + ", group 0", null, s.line(), s.column());
                groups.add(groupBody(s, where + ", group 0", "0", List.of()));
            }
            specs.add(new Spec(id, dependsOn, groups));
        }
        return specs;
    }

    private Group group(PlanTree node, String specId, int n) {
        PlanTree.Mapping g = mapping(node, "spec " + specId + ", group " + n, "a group");
        if (g == null) {
            return null;
        }
        String id = text(value(g, "id"), "spec " + specId + ", group " + n, "id");
        if (id == null) {
            if (!g.entries().containsKey("id")) {
                problem(g, "spec " + specId + ", group " + n, "a group needs an 'id'");
            }
            id = "#" + n;
        }
        String where = "spec " + specId + ", group " + id;
        place(where, g);
        keys(g, where, GROUP);
        noteList(g, where, "depends-on");
        List<String> dependsOn = or(strings(value(g, "depends-on"), where, "depends-on"), List.of());
        return groupBody(g, where, id, dependsOn);
    }

    private Group groupBody(PlanTree.Mapping g, String where, String id, List<String> dependsOn) {
        note(g, where, "class");
        note(g, where, "estimate");
        note(g, where, "category");
        return new Group(id, dependsOn, or(text(value(g, "class"), where, "class"), WorkClass.IMPLEMENTATION),
                footprint(g, where), command(g, where),
                or(duration(value(g, "estimate"), where, "estimate"), PlanDefaults.ESTIMATE),
                text(value(g, "category"), where, "category"), amounts(value(g, "uses"), where, "uses"));
    }

    private Footprint footprint(PlanTree.Mapping m, String where) {
        noteList(m, where, "reads");
        noteList(m, where, "writes");
        List<String> reads = or(strings(value(m, "reads"), where, "reads"), List.of());
        List<String> writes = or(strings(value(m, "writes"), where, "writes"), List.of());
        for (String field : List.of("reads", "writes")) {
            if ((field.equals("reads") ? reads : writes).contains(Footprint.CATCH_ALL)) {
                PlanLocations.Position at = locations.of(where, field + " " + Footprint.CATCH_ALL);
                problems.add(new PlanProblem(file, at.line(), at.column(), where, "malformed footprint token '*': "
                        + "it is reserved for nodes without a footprint (leave out reads and writes to run alone)"));
            }
        }
        return Footprint.of(reads, writes);
    }

    private Command command(PlanTree.Mapping m, String where) {
        PlanTree line = value(m, "command");
        if (line == null) {
            problem(m, where, "no 'command': every session needs one");
        }
        note(m, where, "command");
        note(m, where, "workdir");
        Map<String, String> env = new LinkedHashMap<>();
        PlanTree envNode = value(m, "env");
        PlanTree.Mapping envMap = envNode == null ? null : mapping(envNode, where, "env");
        if (envMap != null) {
            for (PlanTree.Entry e : envMap.entries().values()) {
                locations.put(where, "env " + e.key(), e.line(), e.column());
                String v = text(e.value(), where, "env " + e.key());
                env.put(e.key(), v == null ? "" : v);
            }
        }
        String text = line == null ? null : text(line, where, "command");
        return new Command(text == null ? "" : text, text(value(m, "workdir"), where, "workdir"), env);
    }

    // ---- typed values ----------------------------------------------------------------------

    private PlanTree.Mapping mapping(PlanTree node, String where, String what) {
        if (node instanceof PlanTree.Mapping m) {
            return m;
        }
        problem(node, where, what + " must be a mapping (key: value), got " + node.kind());
        return null;
    }

    private PlanTree.Sequence sequence(PlanTree node, String where, String what) {
        if (node instanceof PlanTree.Sequence s) {
            return s;
        }
        problem(node, where, "'" + what + "' must be a list, got " + node.kind());
        return null;
    }

    private String text(PlanTree node, String where, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof PlanTree.Scalar s && s.value() != null) {
            return s.text(); // as written: id 1.10 stays "1.10"
        }
        problem(node, where, "'" + what + "' must be text, got " + node.kind());
        return null;
    }

    private Integer integer(PlanTree node, String where, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof PlanTree.Scalar s && s.value() instanceof Long n) {
            if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                problem(node, where, "'" + what + "' is out of range: " + n);
                return null;
            }
            return n.intValue();
        }
        if (node instanceof PlanTree.Scalar s && s.value() instanceof String t && t.matches("-?\\d{20,}")) {
            problem(node, where, "'" + what + "' is out of range: " + t);
            return null;
        }
        problem(node, where, "'" + what + "' must be a whole number, got " + node.kind());
        return null;
    }

    /** A share of slot time: a fraction above 0 and at most 1 ({@code 0.25}) or a percentage ({@code 25%}). */
    private Double share(PlanTree node, String where) {
        if (node == null) {
            return null;
        }
        Double share = null;
        if (node instanceof PlanTree.Scalar s && s.value() instanceof Number n) {
            share = n.doubleValue();
        } else if (node instanceof PlanTree.Scalar s && s.value() instanceof String t && t.matches("\\d{1,3}(\\.\\d+)?%")) {
            share = Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
        }
        if (share == null || !(share > 0 && share <= 1)) {
            problem(node, where, "'share' must be a fraction above 0 and at most 1 (0.25) or a percentage (25%), got "
                    + node.kind());
            return null;
        }
        return share;
    }

    private Boolean bool(PlanTree node, String where, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof PlanTree.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        problem(node, where, "'" + what + "' must be true or false, got " + node.kind());
        return null;
    }

    private Duration duration(PlanTree node, String where, String what) {
        if (node == null) {
            return null;
        }
        Duration d = node instanceof PlanTree.Scalar s && s.value() instanceof String t ? Durations.parse(t) : null;
        if (d == null) {
            problem(node, where, "'" + what + "' must be a duration with a unit (ms, s, m, h, d), e.g. 90s or 1h30m, got "
                    + node.kind());
        }
        return d;
    }

    private List<String> strings(PlanTree node, String where, String what) {
        if (node == null) {
            return null;
        }
        PlanTree.Sequence list = sequence(node, where, what);
        if (list == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (PlanTree item : list.items()) {
            String v = text(item, where, what + " item");
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    private <E extends Enum<E>> E choice(PlanTree node, String where, String what, Class<E> type) {
        if (node == null) {
            return null;
        }
        String t = text(node, where, what);
        if (t == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(t)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(node, where, "'" + what + "' must be one of " + String.join(", ", allowed) + ", got '" + t + "'");
        return null;
    }

    // ---- keys and positions ----------------------------------------------------------------

    private static PlanTree value(PlanTree.Mapping m, String key) {
        PlanTree.Entry e = m.entries().get(key);
        return e == null ? null : e.value();
    }

    private void keys(PlanTree.Mapping m, String where, Set<String> allowed) {
        for (PlanTree.Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                String near = Suggestions.closest(e.key(), allowed);
                problems.add(new PlanProblem(file, e.line(), e.column(), where, "unknown key '" + e.key() + "'"
                        + (near == null ? " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"
                        : " (did you mean '" + near + "'?)")));
            }
        }
    }

    /** Remembers where a spec, group or barrier starts; a second one of the same name is its duplicate. */
    private void place(String where, PlanTree node) {
        if (locations.has(where, null)) {
            locations.put(where, "duplicate", node.line(), node.column());
        } else {
            locations.put(where, null, node.line(), node.column());
        }
    }

    /** Remembers where a field's value was written, for the validator's messages. */
    private void note(PlanTree.Mapping m, String where, String field) {
        PlanTree v = value(m, field);
        if (v != null) {
            locations.put(where, field, v.line(), v.column());
        }
    }

    /** Remembers each item of a list, as {@code field item}. */
    private void noteList(PlanTree.Mapping m, String where, String field) {
        PlanTree v = value(m, field);
        if (v instanceof PlanTree.Sequence s) {
            locations.put(where, field, s.line(), s.column());
            for (PlanTree item : s.items()) {
                if (item instanceof PlanTree.Scalar sc) {
                    locations.put(where, field + " " + sc.text(), item.line(), item.column());
                }
            }
        }
    }

    private void problem(PlanTree node, String where, String message) {
        problems.add(new PlanProblem(file, node == null ? 0 : node.line(), node == null ? 0 : node.column(), where,
                message));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
