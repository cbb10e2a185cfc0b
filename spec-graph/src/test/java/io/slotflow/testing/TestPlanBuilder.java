package io.slotflow.testing;

import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.Command;
import io.slotflow.plan.DispatchMode;
import io.slotflow.plan.Group;
import io.slotflow.plan.Injection;
import io.slotflow.plan.Plan;
import io.slotflow.plan.ReviewType;
import io.slotflow.plan.RunSettings;
import io.slotflow.plan.Spec;
import io.slotflow.plan.WorkClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds plans in code for tests, with the same defaults the parser applies. */
public final class TestPlanBuilder {

    private String name = "test";
    private int slots = 3;
    private DispatchMode mode = DispatchMode.ROLLING;
    private final Map<String, WorkClass> classes = new LinkedHashMap<>();
    private final List<SpecBuilder> specs = new ArrayList<>();
    private final List<ReviewType> reviewTypes = new ArrayList<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private boolean defaultClassesAdded;

    public static TestPlanBuilder plan() {
        return new TestPlanBuilder();
    }

    public TestPlanBuilder name(String planName) {
        this.name = planName;
        return this;
    }

    public TestPlanBuilder slots(int k) {
        this.slots = k;
        return this;
    }

    public TestPlanBuilder wave() {
        this.mode = DispatchMode.WAVE;
        return this;
    }

    public TestPlanBuilder workClass(WorkClass c) {
        classes.put(c.name(), c);
        return this;
    }

    /** Implementation at rank 0 (quota K), review at rank 1 (quota max(1, K/3)), as the parser gives. */
    public static WorkClass implementation(int k) {
        return new WorkClass(WorkClass.IMPLEMENTATION, 0, k, 0, Duration.ofHours(2), null, 2, Duration.ofHours(1));
    }

    public static WorkClass review(int k) {
        return new WorkClass(WorkClass.REVIEW, 1, Math.max(1, k / 3), 0, Duration.ofMinutes(30), null, 2,
                Duration.ofHours(1), io.slotflow.plan.Borrow.BACKFILL);
    }

    public SpecBuilder spec(String id, String... dependsOn) {
        SpecBuilder spec = new SpecBuilder(this, id, List.of(dependsOn));
        specs.add(spec);
        return spec;
    }

    public TestPlanBuilder reviewType(String typeName, Duration estimate, List<String> reads) {
        reviewTypes.add(new ReviewType(typeName, WorkClass.REVIEW, Footprint.of(reads, List.of()),
                Command.of("true"), estimate));
        return this;
    }

    public TestPlanBuilder barrierAfter(String barrierName, List<String> after, List<String> reviews, Injection injection) {
        barriers.add(new Barrier(barrierName, after, 0, reviews, injection, 4));
        return this;
    }

    public TestPlanBuilder barrierEvery(String barrierName, int every, List<String> reviews, Injection injection, int batchSize) {
        barriers.add(new Barrier(barrierName, List.of(), every, reviews, injection, batchSize));
        return this;
    }

    public Plan build() {
        Map<String, WorkClass> all = new LinkedHashMap<>();
        all.put(WorkClass.IMPLEMENTATION, implementation(slots));
        all.put(WorkClass.REVIEW, review(slots));
        all.putAll(classes);
        return new Plan(name, new RunSettings(slots, mode), List.copyOf(all.values()),
                specs.stream().map(SpecBuilder::toSpec).toList(), reviewTypes, barriers);
    }

    /** A spec being built. */
    public static final class SpecBuilder {
        private final TestPlanBuilder plan;
        private final String id;
        private final List<String> dependsOn;
        private final List<Group> groups = new ArrayList<>();

        SpecBuilder(TestPlanBuilder plan, String id, List<String> dependsOn) {
            this.plan = plan;
            this.id = id;
            this.dependsOn = dependsOn;
        }

        /** A group with the given estimate, footprint writes and dependencies (catch-all when no writes). */
        public SpecBuilder group(String groupId, Duration estimate, List<String> writes, String... deps) {
            return group(groupId, estimate, List.of(), writes, WorkClass.IMPLEMENTATION, deps);
        }

        public SpecBuilder group(String groupId, Duration estimate, List<String> reads, List<String> writes,
                String workClass, String... deps) {
            groups.add(new Group(groupId, List.of(deps), workClass, Footprint.of(reads, writes),
                    Command.of("true"), estimate, null));
            return this;
        }

        public SpecBuilder spec(String nextId, String... deps) {
            return plan.spec(nextId, deps);
        }

        public TestPlanBuilder reviewType(String typeName, Duration estimate, List<String> reads) {
            return plan.reviewType(typeName, estimate, reads);
        }

        public TestPlanBuilder done() {
            return plan;
        }

        public Plan build() {
            return plan.build();
        }

        Spec toSpec() {
            return new Spec(id, dependsOn, groups);
        }
    }
}
