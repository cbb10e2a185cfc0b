package io.slotflow.policy;

import io.slotflow.footprint.Footprint;
import io.slotflow.footprint.TokenTable;
import io.slotflow.graph.NodeDef;
import io.slotflow.graph.NodeKind;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.Plan;
import io.slotflow.plan.PlanParser;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots for the category rules' table tests: one implementation class, the categories a plan's
 * {@code categories:} section declares, what each category has used and runs.
 */
final class CategoryFixture {

    private final TokenTable tokens = new TokenTable();
    private final CategoryTargets targets;
    private final int slots;
    private int quota;
    private long now = 1_000_000;
    private final List<NodeDef> ready = new ArrayList<>();
    private final List<RunningNode> running = new ArrayList<>();
    private final Map<String, Long> used = new HashMap<>();
    private final Map<String, Integer> runningPerCategory = new HashMap<>();
    private final Map<String, Long> cooling = new HashMap<>();

    private CategoryFixture(String categoriesYaml, int slots) {
        Plan plan = PlanParser.parse("categories:\n" + categoriesYaml.indent(2)
                + "specs: [{id: s, command: 'true'}]\n", "categories.yaml");
        this.targets = CategoryTargets.of(plan);
        this.slots = slots;
        this.quota = slots;
    }

    /** {@code categoriesYaml}: the body of a {@code categories:} section. */
    static CategoryFixture categories(String categoriesYaml, int slots) {
        return new CategoryFixture(categoriesYaml, slots);
    }

    CategoryFixture quota(int q) {
        quota = q;
        return this;
    }

    CategoryFixture used(String category, long millis) {
        used.put(category, millis);
        return this;
    }

    CategoryFixture cooling(String category, long untilMillis) {
        cooling.put(category, untilMillis);
        return this;
    }

    CategoryFixture now(long millis) {
        now = millis;
        return this;
    }

    /** A ready node of a category (null: none), estimated at a minute, writing its own token. */
    CategoryFixture ready(String id, String category, String... writes) {
        Footprint footprint = Footprint.of(List.of(), writes.length == 0 ? List.of(id) : List.of(writes));
        ready.add(new NodeDef(id, NodeKind.GROUP, "s", WorkClass.IMPLEMENTATION, footprint, Command.of("true"),
                Duration.ofMinutes(1), category, List.of(), List.of(), List.of(), false));
        return this;
    }

    CategoryFixture running(String id, String category) {
        running.add(new RunningNode(id, 0, tokens.compile(Footprint.of(List.of(), List.of(id)))));
        runningPerCategory.merge(category, 1, Integer::sum);
        return this;
    }

    Snapshot snapshot() {
        ClassTable classes = new ClassTable(List.of(new WorkClass(WorkClass.IMPLEMENTATION, 0, quota, 0,
                Duration.ofHours(1), null, 2, Duration.ofHours(1))));
        ReadyQueue queue = new ReadyQueue(1, QueueOrder.CRITICAL_PATH_FIRST);
        for (NodeDef def : ready) {
            // the plain order is the order given: equal critical paths, then first ready
            queue.add(new QueuedNode(def, 1, 0, 0, 0, 0, queue.nextSequence(), tokens.compile(def.footprint())));
        }
        return new Snapshot(DispatchMode.ROLLING, slots, classes, queue, running, now, true,
                new CategoryUse(targets, used, runningPerCategory, cooling));
    }

    Decision decide() {
        return new DispatchPolicy().decide(snapshot());
    }
}
