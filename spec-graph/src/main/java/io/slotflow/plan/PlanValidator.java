package io.slotflow.plan;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.Tokens;
import io.slotflow.graph.Cycles;
import io.slotflow.graph.NodeIds;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole plan before anything runs and reports every problem, each naming where it is:
 * unknown references, duplicates, cycles, quotas and reserves K slots cannot honour, durations and
 * numbers out of range, empty commands, malformed footprint tokens, ids unsafe as file names or
 * reserved, and what would only fail when a session starts: NUL characters in commands and
 * environment values, working directories that do not exist.
 */
public final class PlanValidator {

    /** The most slots a run may have, in its plan or after a resize. */
    public static final int MAX_SLOTS = 10_000;
    static final Duration MAX_DURATION = Duration.ofDays(30);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final PlanLocations locations;
    private final Path directory;
    private final List<PlanProblem> problems = new ArrayList<>();
    /** "Did you mean" indexes, one per set of names, built on first use. */
    private final Map<Set<String>, Suggestions.Index> suggestions = new IdentityHashMap<>();

    private PlanValidator(String file, PlanLocations locations, Path directory) {
        this.file = file;
        this.locations = locations;
        this.directory = directory;
    }

    /** Every problem of a plan; empty when it may run. */
    public static List<PlanProblem> validate(Plan plan, String file, PlanLocations locations) {
        return validate(plan, file, locations, null);
    }

    /**
     * Every problem of a plan; empty when it may run. With a {@code directory} (the plan file's), a
     * {@code workdir} must also be a directory there, as it must be when its session starts.
     */
    public static List<PlanProblem> validate(Plan plan, String file, PlanLocations locations, Path directory) {
        PlanValidator v = new PlanValidator(file, locations, directory);
        v.check(plan);
        return v.problems;
    }

    /** For plans built in code: no positions. */
    public static List<PlanProblem> validate(Plan plan) {
        return validate(plan, plan.name(), PlanLocations.none());
    }

    private void check(Plan plan) {
        int k = plan.run().slots();
        if (k < 1 || k > MAX_SLOTS) {
            problem("run", "slots", "'slots' must be between 1 and " + MAX_SLOTS + ", got " + k);
        }
        Set<String> classNames = checkClasses(plan, k);
        Set<String> typeNames = checkReviewTypes(plan, classNames);
        Map<String, Spec> specs = checkSpecs(plan, classNames);
        checkBarriers(plan, typeNames, specs.keySet());
        checkSpecCycles(plan, specs);
        checkGroupsAcross(plan, specs);
        checkCategories(plan);
        checkResources(plan);
    }

    /**
     * Counted resources: names as safe as class names, capacities of at least one, and every node's
     * {@code uses} naming a declared resource with at least one unit and no more than its capacity
     * (a node that needs more could never start).
     */
    private void checkResources(Plan plan) {
        Map<String, Integer> capacities = plan.resources();
        for (Map.Entry<String, Integer> r : capacities.entrySet()) {
            if (!ID.matcher(r.getKey()).matches()) {
                problem("resources", "resources " + r.getKey(), "resource name '" + r.getKey()
                        + "' must be letters, digits, '.', '_' or '-'");
            }
            if (r.getValue() < 1) {
                problem("resources", "resources " + r.getKey(), "resource " + r.getKey()
                        + ": the capacity must be at least 1, got " + r.getValue());
            }
        }
        for (Spec spec : plan.specs()) {
            for (Group g : spec.groups()) {
                uses("spec " + spec.id() + ", group " + g.id(), g.uses(), capacities);
            }
        }
        for (ReviewType t : plan.reviewTypes()) {
            uses("review type " + t.name(), t.uses(), capacities);
        }
    }

    private void uses(String where, Map<String, Integer> uses, Map<String, Integer> capacities) {
        for (Map.Entry<String, Integer> use : uses.entrySet()) {
            String name = use.getKey();
            String field = "uses " + name;
            Integer capacity = capacities.get(name);
            if (capacity == null) {
                problem(where, field, unknown("resource", name, capacities.keySet())
                        + " (declare it under 'resources')");
            } else if (use.getValue() < 1) {
                problem(where, field, "'uses " + name + "' must be at least 1, got " + use.getValue());
            } else if (capacity >= 1 && use.getValue() > capacity) {
                problem(where, field, "uses " + use.getValue() + " of resource " + name + ", more than its capacity "
                        + capacity + ": it could never start");
            }
        }
    }

    /**
     * Declared categories: names as safe as class names, shares that add up to at most the whole slot
     * time, and, once any category is declared, every node's label among them (a typo would route
     * the node as a category without share).
     */
    private void checkCategories(Plan plan) {
        if (plan.categories().isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        double shares = 0;
        for (Category c : plan.categories()) {
            String where = "category " + c.name();
            names.add(c.name());
            if (!ID.matcher(c.name()).matches()) {
                problem(where, null, "category name '" + c.name() + "' must be letters, digits, '.', '_' or '-'");
            }
            shares += c.share();
            if (c.coolsDown()) {
                duration(where, "cooldown", c.cooldown());
            }
            if (c.cooldownAfter() < 1 || c.cooldownAfter() > 1000) {
                problem(where, "cooldown-after", "'cooldown-after' must be between 1 and 1000, got " + c.cooldownAfter());
            }
        }
        if (shares > 1 + 1e-9) {
            problem("categories", null, "the shares add up to " + Math.round(shares * 1000) / 10.0
                    + "% of the slot time, more than 100%");
        }
        for (Spec spec : plan.specs()) {
            for (Group g : spec.groups()) {
                if (g.category() != null && !names.contains(g.category())) {
                    problem("spec " + spec.id() + ", group " + g.id(), "category",
                            unknown("category", g.category(), names) + " (declare it under 'categories')");
                }
            }
        }
    }

    private Set<String> checkClasses(Plan plan, int k) {
        Set<String> names = new HashSet<>();
        int reserves = 0;
        boolean slotsValid = k >= 1 && k <= MAX_SLOTS;
        for (WorkClass c : plan.classes()) {
            String where = "class " + c.name();
            names.add(c.name());
            if (!ID.matcher(c.name()).matches()) {
                problem(where, null, "class name '" + c.name() + "' must be letters, digits, '.', '_' or '-'");
            }
            if (c.quota() < 1 && (slotsValid || locations.has(where, "quota"))) {
                problem(where, "quota", "'quota' must be at least 1, got " + c.quota());
            } else if (slotsValid && c.quota() > k) {
                problem(where, "quota", "quota " + c.quota() + " is more than the " + k + " slots");
            }
            if (c.reserve() < 0) {
                problem(where, "reserve", "'reserve' must not be negative, got " + c.reserve());
            } else if (c.reserve() > c.quota()) {
                problem(where, "reserve", "reserve " + c.reserve() + " is more than its quota " + c.quota());
            }
            reserves += Math.max(0, c.reserve());
            duration(where, "timeout", c.timeout());
            if (c.heartbeat() != null) {
                duration(where, "heartbeat", c.heartbeat());
            }
            duration(where, "aging", c.aging());
            if (!c.retryBackoff().isNone()) {
                duration(where, "retry-backoff", c.retryBackoff().first());
                if (c.retryBackoff().max().compareTo(c.retryBackoff().first()) < 0) {
                    problem(where, "retry-backoff-max", "'retry-backoff-max' must be at least 'retry-backoff' ("
                            + Durations.format(c.retryBackoff().first()) + "), got "
                            + Durations.format(c.retryBackoff().max()));
                }
                if (c.retryBackoff().jitterPercent() < 0 || c.retryBackoff().jitterPercent() > 100) {
                    problem(where, "retry-backoff-jitter", "'retry-backoff-jitter' must be a percentage from 0 to 100,"
                            + " got " + c.retryBackoff().jitterPercent());
                }
            }
            if (c.maxAttempts() < 1 || c.maxAttempts() > 100) {
                problem(where, "max-attempts", "'max-attempts' must be between 1 and 100, got " + c.maxAttempts());
            }
        }
        if (slotsValid && reserves > k) {
            problem("classes", null, "the reserves add up to " + reserves + " slots, more than the " + k + " slots");
        }
        return names;
    }

    private Set<String> checkReviewTypes(Plan plan, Set<String> classNames) {
        Set<String> names = new HashSet<>();
        for (ReviewType t : plan.reviewTypes()) {
            String where = "review type " + t.name();
            if (!names.add(t.name())) {
                problem(where, null, "duplicate review type '" + t.name() + "'");
            }
            if (!TYPE_NAME.matcher(t.name()).matches() || t.name().contains("..")) {
                problem(where, null, "review type name '" + t.name()
                        + "' is not safe as a file name: use letters, digits, '.', '_', ':' and '-'");
            }
            if (!classNames.contains(t.workClass())) {
                problem(where, "class", unknown("class", t.workClass(), classNames));
            }
            work(where, t.command(), t.estimate(), t.footprint(), true);
        }
        return names;
    }

    private Map<String, Spec> checkSpecs(Plan plan, Set<String> classNames) {
        Map<String, Spec> specs = new LinkedHashMap<>();
        for (Spec spec : plan.specs()) {
            String where = "spec " + spec.id();
            if (specs.putIfAbsent(spec.id(), spec) != null) {
                problem(where, "duplicate", "duplicate spec id '" + spec.id() + "'");
            }
            id(where, "spec", spec.id());
            if (spec.id().startsWith(NodeIds.BATCH_PREFIX)) {
                problem(where, null, "spec id '" + spec.id() + "' is reserved: ids starting with '"
                        + NodeIds.BATCH_PREFIX + "' name batched review sessions (batch-3:skeptic); rename the spec");
            }
            if (spec.groups().isEmpty()) {
                problem(where, null, "a spec needs at least one group (a 'groups' list, or a 'command')");
            }
            Set<String> groupIds = new HashSet<>();
            Map<String, List<String>> groupEdges = new LinkedHashMap<>();
            for (Group g : spec.groups()) {
                String at = where + ", group " + g.id();
                if (!groupIds.add(g.id())) {
                    problem(at, "duplicate", "duplicate group id '" + g.id() + "' in spec " + spec.id());
                }
                id(at, "group", g.id());
                if (!classNames.contains(g.workClass())) {
                    problem(at, "class", unknown("class", g.workClass(), classNames));
                }
                work(at, g.command(), g.estimate(), g.footprint(), false);
                groupEdges.put(g.id(), g.dependsOn());
            }
            for (Group g : spec.groups()) {
                for (String dep : g.dependsOn()) {
                    if (dep.indexOf(':') >= 0) {
                        continue; // a group of another spec: checked once every spec is known
                    }
                    if (!groupIds.contains(dep)) {
                        problem(where + ", group " + g.id(), "depends-on " + dep,
                                unknown("dependency", dep, groupIds) + " (a group of spec " + spec.id() + ")");
                    }
                }
            }
            groupEdges.replaceAll((g, deps) -> deps.stream().filter(d -> d.indexOf(':') < 0).toList());
            for (List<String> cycle : Cycles.find(groupEdges)) {
                problem(where, null, "group dependency cycle in spec " + spec.id() + ": "
                        + Cycles.format(cycle.stream().map(g -> spec.id() + ":" + g).toList()));
            }
        }
        Set<String> specIds = specs.keySet();
        for (Spec spec : plan.specs()) {
            for (String dep : spec.dependsOn()) {
                if (!specIds.contains(dep)) {
                    problem("spec " + spec.id(), "depends-on " + dep, unknown("dependency", dep, specIds)
                            + " (a spec)");
                }
            }
        }
        return specs;
    }

    private void checkBarriers(Plan plan, Set<String> typeNames, Set<String> specIds) {
        Set<String> names = new HashSet<>();
        for (Barrier b : plan.barriers()) {
            String where = "barrier " + b.name();
            if (!names.add(b.name())) {
                problem(where, "duplicate", "duplicate barrier name '" + b.name() + "'");
            }
            boolean everyGiven = b.every() != 0 || locations.has(where, "every");
            if (!b.after().isEmpty() && everyGiven) {
                problem(where, "every", "give either 'after' (a set of specs) or 'every' (N completions), not both");
            } else if (b.after().isEmpty() && !everyGiven) {
                problem(where, null, "a barrier needs 'after' (a set of specs) or 'every' (N completions)");
            } else if (everyGiven && b.every() < 1) {
                problem(where, "every", "'every' must be at least 1, got " + b.every());
            }
            for (String spec : b.after()) {
                if (!specIds.contains(spec)) {
                    problem(where, "after " + spec, unknown("spec", spec, specIds));
                }
            }
            if (b.reviews().isEmpty()) {
                problem(where, "reviews", "a barrier needs 'reviews': the review types each covered spec gets");
            }
            for (String type : b.reviews()) {
                if (!typeNames.contains(type)) {
                    problem(where, "reviews " + type, unknown("review type", type, typeNames));
                }
            }
            if (b.batchSize() < 1 || b.batchSize() > 1000) {
                problem(where, "batch-size", "'batch-size' must be between 1 and 1000, got " + b.batchSize());
            }
        }
    }

    private void checkSpecCycles(Plan plan, Map<String, Spec> specs) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Spec spec : plan.specs()) {
            edges.putIfAbsent(spec.id(), spec.dependsOn().stream().filter(specs::containsKey).toList());
        }
        for (List<String> cycle : Cycles.find(edges)) {
            problem("spec " + cycle.get(0), null, "spec dependency cycle: " + Cycles.format(cycle));
        }
    }

    /**
     * Dependencies on groups of other specs ({@code depends-on: [lexer:tokens]}): each names an
     * existing group, and no cycle runs through them — counting every edge the engine will honour:
     * groups of one spec, and a spec's groups after the last groups of the specs it depends on.
     * Cycles without such a dependency are reported by the spec and group checks.
     */
    private void checkGroupsAcross(Plan plan, Map<String, Spec> specs) {
        Set<String> allGroups = new java.util.LinkedHashSet<>();
        plan.specs().forEach(s -> s.groups().forEach(g -> allGroups.add(s.id() + ":" + g.id())));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        boolean any = false;
        for (Spec spec : plan.specs()) {
            Set<String> named = new HashSet<>();
            spec.groups().forEach(g -> named.addAll(g.dependsOn()));
            for (Group g : spec.groups()) {
                String node = spec.id() + ":" + g.id();
                List<String> deps = new ArrayList<>();
                for (String dep : g.dependsOn()) {
                    if (dep.indexOf(':') < 0) {
                        deps.add(spec.id() + ":" + dep);
                    } else if (!allGroups.contains(dep)) {
                        problem("spec " + spec.id() + ", group " + g.id(), "depends-on " + dep,
                                unknown("dependency", dep, allGroups) + " (a group of another spec, as spec:group)");
                    } else {
                        deps.add(dep);
                        any = true;
                    }
                }
                for (String specDep : spec.dependsOn()) {
                    Spec other = specs.get(specDep);
                    if (other != null) {
                        Set<String> otherNamed = new HashSet<>();
                        other.groups().forEach(o -> otherNamed.addAll(o.dependsOn()));
                        other.groups().stream().filter(o -> !otherNamed.contains(o.id()))
                                .forEach(o -> deps.add(other.id() + ":" + o.id()));
                    }
                }
                edges.put(node, deps);
            }
        }
        Map<String, List<String>> specEdges = new LinkedHashMap<>();
        plan.specs().forEach(s -> specEdges.putIfAbsent(s.id(), s.dependsOn()));
        if (!any || !Cycles.find(specEdges).isEmpty()) {
            return; // a spec dependency cycle is reported as such
        }
        for (List<String> cycle : Cycles.find(edges)) {
            // without spec cycles, a cycle through two specs runs through a group dependency across them
            if (cycle.stream().map(n -> n.substring(0, n.indexOf(':'))).distinct().count() > 1) {
                String first = cycle.get(0);
                problem("spec " + first.substring(0, first.indexOf(':')), null,
                        "group dependency cycle across specs: " + Cycles.format(cycle));
            }
        }
    }

    // ---- pieces ----------------------------------------------------------------------------

    private void work(String where, Command command, Duration estimate, Footprint footprint, boolean review) {
        if (command.line().isBlank() && !command.hasPayload()) {
            // a payload is a session's work for an in-process runner: such a node needs no command line
            problem(where, "command", "'command' is empty");
        } else if (command.line().indexOf('\0') >= 0) {
            problem(where, "command", "'command' holds a NUL character (\\0), which no command line can carry");
        }
        workdir(where, command.workdir());
        duration(where, "estimate", estimate);
        for (Map.Entry<String, String> env : command.env().entrySet()) {
            String key = env.getKey();
            if (!ENV_NAME.matcher(key).matches()) {
                problem(where, "env " + key, "'" + key + "' is not a valid environment variable name");
            } else if (key.startsWith("SLOTFLOW_")) {
                problem(where, "env " + key, "'" + key + "' is reserved: Slotflow sets the SLOTFLOW_ variables");
            } else if (env.getValue().indexOf('\0') >= 0) {
                problem(where, "env " + key, "the value of '" + key
                        + "' holds a NUL character (\\0), which no environment variable can carry");
            }
        }
        if (footprint.isCatchAll()) {
            return;
        }
        List<String> tokens = new ArrayList<>(footprint.reads());
        tokens.addAll(footprint.writes());
        for (String token : tokens) {
            String field = (footprint.reads().contains(token) ? "reads " : "writes ") + token;
            if (!Tokens.isWellFormed(token)) {
                problem(where, field, "malformed footprint token '" + token
                        + "': use letters, digits and . _ / - : (e.g. src/parser or lock:db)");
            } else if (!review && token.contains("{spec}")) {
                problem(where, field, "'{spec}' is only for review types, in token '" + token + "'");
            }
        }
    }

    /** A session's working directory must exist when it starts: relative ones are the plan file's directory's. */
    private void workdir(String where, String workdir) {
        if (workdir == null) {
            return;
        }
        if (workdir.indexOf('\0') >= 0) {
            problem(where, "workdir", "'workdir' holds a NUL character (\\0), which no path can carry");
            return;
        }
        if (directory == null) {
            return; // a plan not read from a file: its directory is given only when it runs
        }
        Path resolved;
        try {
            resolved = directory.resolve(workdir).normalize();
        } catch (InvalidPathException e) {
            problem(where, "workdir", "'workdir' " + workdir + " is not a valid path: " + e.getReason());
            return;
        }
        if (!Files.isDirectory(resolved)) {
            problem(where, "workdir", "'workdir' " + workdir + (Files.exists(resolved) ? " is not a directory: "
                    : " does not exist: ") + resolved + (Path.of(workdir).isAbsolute() ? ""
                    : " (relative to the plan file's directory)"));
        }
    }

    private void duration(String where, String field, Duration d) {
        if (d.isNegative() || d.isZero()) {
            problem(where, field, "'" + field + "' must be more than zero");
        } else if (d.compareTo(MAX_DURATION) > 0) {
            problem(where, field, "'" + field + "' of " + Durations.format(d) + " is more than 30 days");
        }
    }

    private void id(String where, String what, String id) {
        if (id.startsWith("#")) {
            return; // missing, reported by the reader
        }
        if (!ID.matcher(id).matches() || id.contains("..")) {
            problem(where, null, what + " id '" + id + "' is not safe as a file name: use letters, digits, '.', "
                    + "'_' and '-', starting with a letter or digit, at most 100 characters");
        }
    }

    private String unknown(String what, String name, Set<String> known) {
        String near = suggestions.computeIfAbsent(known, Suggestions.Index::new).closest(name);
        return "unknown " + what + " '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)");
    }

    private void problem(String where, String field, String message) {
        PlanLocations.Position at = locations.of(where, field);
        problems.add(new PlanProblem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), where, message));
    }
}
