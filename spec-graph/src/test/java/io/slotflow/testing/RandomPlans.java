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
import java.util.List;
import java.util.Random;

/**
 * Random valid plans for property tests: random DAGs of specs and groups, footprints drawn from a
 * small pool (so conflicts happen), quotas, reserves, review types and barriers of every injection.
 * The same {@link Random} seed gives the same plan.
 */
public final class RandomPlans {

    private static final String[] TOKENS = {"src/a", "src/b", "src/c", "docs", "lock:parser", "lock:db"};

    private RandomPlans() {
    }

    public static Plan generate(Random random) {
        int k = 1 + random.nextInt(6);
        DispatchMode mode = random.nextInt(5) == 0 ? DispatchMode.WAVE : DispatchMode.ROLLING;
        int implQuota = 1 + random.nextInt(k);
        int reviewQuota = 1 + random.nextInt(k);
        int implReserve = random.nextInt(Math.min(implQuota, k) + 1);
        int reviewReserve = random.nextInt(Math.min(reviewQuota, k - implReserve) + 1);
        Duration aging = Duration.ofMinutes(5 + random.nextInt(120));
        List<WorkClass> classes = List.of(
                new WorkClass(WorkClass.IMPLEMENTATION, 0, implQuota, implReserve, Duration.ofMinutes(30), null,
                        1 + random.nextInt(3), aging),
                new WorkClass(WorkClass.REVIEW, 1, reviewQuota, reviewReserve, Duration.ofMinutes(30), null,
                        1 + random.nextInt(3), aging,
                        random.nextBoolean() ? io.slotflow.plan.Borrow.BACKFILL : io.slotflow.plan.Borrow.NEVER));

        int specCount = 1 + random.nextInt(8);
        List<Spec> specs = new ArrayList<>();
        for (int s = 0; s < specCount; s++) {
            List<String> specDeps = new ArrayList<>();
            for (int d = 0; d < s; d++) {
                if (random.nextInt(4) == 0) {
                    specDeps.add("s" + d);
                }
            }
            int groupCount = 1 + random.nextInt(5);
            List<Group> groups = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                List<String> deps = new ArrayList<>();
                for (int d = 0; d < g; d++) {
                    if (random.nextInt(3) == 0) {
                        deps.add("g" + d);
                    }
                }
                groups.add(new Group("g" + g, deps, WorkClass.IMPLEMENTATION, randomFootprint(random),
                        Command.of("true"), Duration.ofMinutes(1 + random.nextInt(20)), null));
            }
            specs.add(new Spec("s" + s, specDeps, groups));
        }

        List<ReviewType> reviewTypes = new ArrayList<>();
        int typeCount = random.nextInt(3);
        for (int t = 0; t < typeCount; t++) {
            Footprint footprint = random.nextBoolean()
                    ? Footprint.of(List.of("src/{spec}"), List.of())
                    : randomFootprint(random);
            reviewTypes.add(new ReviewType(t == 0 ? "reviewer:pre-review" : "skeptic" + t, WorkClass.REVIEW,
                    footprint, Command.of("true"), Duration.ofMinutes(1 + random.nextInt(10))));
        }
        List<Barrier> barriers = new ArrayList<>();
        if (!reviewTypes.isEmpty()) {
            int barrierCount = 1 + random.nextInt(2);
            for (int b = 0; b < barrierCount; b++) {
                Injection injection = Injection.values()[random.nextInt(Injection.values().length)];
                List<String> reviews = reviewTypes.stream().map(ReviewType::name)
                        .filter(n -> random.nextBoolean()).toList();
                if (reviews.isEmpty()) {
                    reviews = List.of(reviewTypes.get(0).name());
                }
                if (random.nextBoolean()) {
                    List<String> after = specs.stream().map(Spec::id).filter(id -> random.nextBoolean()).toList();
                    barriers.add(new Barrier("b" + b, after.isEmpty() ? List.of(specs.get(0).id()) : after, 0,
                            reviews, injection, 1 + random.nextInt(4)));
                } else {
                    barriers.add(new Barrier("b" + b, List.of(), 1 + random.nextInt(3), reviews, injection,
                            1 + random.nextInt(4)));
                }
            }
        }
        return new Plan("random", new RunSettings(k, mode), classes, specs, reviewTypes, barriers);
    }

    private static Footprint randomFootprint(Random random) {
        if (random.nextInt(8) == 0) {
            return Footprint.catchAll();
        }
        List<String> reads = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        for (String token : TOKENS) {
            int r = random.nextInt(8);
            if (r == 0) {
                writes.add(token);
            } else if (r == 1) {
                reads.add(token);
            }
        }
        if (reads.isEmpty() && writes.isEmpty()) {
            writes.add("own/" + random.nextInt(1000));
        }
        return Footprint.of(reads, writes);
    }
}
