package io.slotflow.testing;

import io.slotflow.footprint.Footprint;
import io.slotflow.plan.Barrier;
import io.slotflow.plan.Borrow;
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
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Valid plans for property tests, built from jqwik combinators so that a failing plan shrinks to a
 * small one: DAGs of specs and groups, footprints drawn from a small pool (so conflicts happen),
 * quotas, reserves, both borrow settings, review types and barriers of every injection. Each choice
 * shrinks towards the simpler plan: fewer specs and groups, no dependency, no review, rolling dispatch.
 */
public final class PlanArbitraries {

    private static final List<String> TOKENS = List.of("src/a", "src/b", "src/c", "docs", "lock:parser", "lock:db");

    private PlanArbitraries() {
    }

    public static Arbitrary<Plan> plans() {
        Arbitrary<List<Spec>> specs = Arbitraries.integers().between(1, 8).flatMap(PlanArbitraries::specs);
        Arbitrary<List<ReviewType>> reviewTypes = Arbitraries.integers().between(0, 2).flatMap(PlanArbitraries::reviewTypes);
        Arbitrary<DispatchMode> mode = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(DispatchMode.ROLLING)), Tuple.of(1, Arbitraries.just(DispatchMode.WAVE)));
        return Arbitraries.integers().between(1, 6).flatMap(k -> Combinators.combine(classes(k), mode, specs, reviewTypes)
                .as((classes, m, s, types) -> Tuple.of(k, classes, m, s, types)))
                .flatMap(t -> barriers(t.get4(), t.get5()).map(barriers ->
                        new Plan("random", new RunSettings(t.get1(), t.get3()), t.get2(), t.get4(), t.get5(), barriers)))
                // the edge cases of this many combined choices are too many to enumerate; random plans find the corners
                .withoutEdgeCases();
    }

    private static Arbitrary<List<WorkClass>> classes(int k) {
        Arbitrary<Integer> implQuota = Arbitraries.integers().between(1, k);
        Arbitrary<Integer> reviewQuota = Arbitraries.integers().between(1, k);
        Arbitrary<Duration> aging = Arbitraries.integers().between(5, 124).map(Duration::ofMinutes);
        Arbitrary<Integer> attempts = Arbitraries.integers().between(1, 3);
        Arbitrary<Borrow> borrow = Arbitraries.of(Borrow.NEVER, Borrow.BACKFILL);
        return Combinators.combine(implQuota, reviewQuota, aging, attempts, attempts, borrow)
                .as(Tuple::of)
                .flatMap(t -> {
                    Arbitrary<Integer> implReserve = Arbitraries.integers().between(0, Math.min(t.get1(), k));
                    return implReserve.flatMap(ir -> Arbitraries.integers().between(0, Math.min(t.get2(), k - ir))
                            .map(rr -> List.of(
                                    new WorkClass(WorkClass.IMPLEMENTATION, 0, t.get1(), ir, Duration.ofMinutes(30), null,
                                            t.get4(), t.get3()),
                                    new WorkClass(WorkClass.REVIEW, 1, t.get2(), rr, Duration.ofMinutes(30), null,
                                            t.get5(), t.get3(), t.get6()))));
                });
    }

    private static Arbitrary<List<Spec>> specs(int count) {
        List<Arbitrary<Spec>> each = IntStream.range(0, count).mapToObj(PlanArbitraries::spec).toList();
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<Spec> spec(int index) {
        Arbitrary<List<String>> specDeps = someOf(IntStream.range(0, index).mapToObj(d -> "s" + d).toList(), 4);
        Arbitrary<List<Group>> groups = Arbitraries.integers().between(1, 5).flatMap(n -> {
            List<Arbitrary<Group>> each = IntStream.range(0, n).mapToObj(PlanArbitraries::group).toList();
            return Combinators.combine(each).as(List::copyOf);
        });
        return Combinators.combine(specDeps, groups).as((deps, g) -> new Spec("s" + index, deps, g));
    }

    private static Arbitrary<Group> group(int index) {
        Arbitrary<List<String>> deps = someOf(IntStream.range(0, index).mapToObj(d -> "g" + d).toList(), 3);
        Arbitrary<Duration> estimate = Arbitraries.integers().between(1, 20).map(Duration::ofMinutes);
        return Combinators.combine(deps, footprints(), estimate).as((d, fp, est) ->
                new Group("g" + index, d, WorkClass.IMPLEMENTATION, fp, Command.of("true"), est, null));
    }

    private static Arbitrary<List<ReviewType>> reviewTypes(int count) {
        List<Arbitrary<ReviewType>> each = IntStream.range(0, count).mapToObj(t -> {
            Arbitrary<Footprint> footprint = Arbitraries.oneOf(
                    Arbitraries.just(Footprint.of(List.of("src/{spec}"), List.of())), footprints());
            Arbitrary<Duration> estimate = Arbitraries.integers().between(1, 10).map(Duration::ofMinutes);
            return Combinators.combine(footprint, estimate).as((fp, est) ->
                    new ReviewType(t == 0 ? "reviewer:pre-review" : "skeptic" + t, WorkClass.REVIEW, fp,
                            Command.of("true"), est));
        }).toList();
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<List<Barrier>> barriers(List<Spec> specs, List<ReviewType> types) {
        if (types.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        List<String> typeNames = types.stream().map(ReviewType::name).toList();
        List<String> specIds = specs.stream().map(Spec::id).toList();
        return Arbitraries.integers().between(1, 2).flatMap(n -> {
            List<Arbitrary<Barrier>> each = IntStream.range(0, n).mapToObj(b -> {
                Arbitrary<List<String>> reviews = someOf(typeNames, 2).map(r -> r.isEmpty() ? List.of(typeNames.get(0)) : r);
                Arbitrary<Injection> injection = Arbitraries.of(Injection.class);
                Arbitrary<Integer> batch = Arbitraries.integers().between(1, 4);
                Arbitrary<Barrier> afterSpecs = Combinators.combine(someOf(specIds, 2), reviews, injection, batch)
                        .as((after, r, inj, size) -> new Barrier("b" + b, after.isEmpty() ? List.of(specIds.get(0)) : after,
                                0, r, inj, size));
                Arbitrary<Barrier> everyN = Combinators.combine(Arbitraries.integers().between(1, 3), reviews, injection, batch)
                        .as((every, r, inj, size) -> new Barrier("b" + b, List.of(), every, r, inj, size));
                return Arbitraries.oneOf(afterSpecs, everyN);
            }).toList();
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    private static Arbitrary<Footprint> footprints() {
        // per token: untouched (most often), written or read; a footprint touching nothing writes its own area
        Arbitrary<List<Integer>> uses = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2))
                .list().ofSize(TOKENS.size());
        Arbitrary<Footprint> tokens = Combinators.combine(uses, Arbitraries.integers().between(0, 999)).as((u, own) -> {
            List<String> reads = new ArrayList<>();
            List<String> writes = new ArrayList<>();
            for (int i = 0; i < TOKENS.size(); i++) {
                if (u.get(i) == 1) {
                    writes.add(TOKENS.get(i));
                } else if (u.get(i) == 2) {
                    reads.add(TOKENS.get(i));
                }
            }
            if (reads.isEmpty() && writes.isEmpty()) {
                writes.add("own/" + own);
            }
            return Footprint.of(reads, writes);
        });
        return Arbitraries.frequencyOf(Tuple.of(7, tokens), Tuple.of(1, Arbitraries.just(Footprint.catchAll())));
    }

    /** Each of {@code items} with a chance of one in {@code oneIn}; shrinks towards none. */
    private static Arbitrary<List<String>> someOf(List<String> items, int oneIn) {
        if (items.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        return Arbitraries.frequency(Tuple.of(oneIn - 1, false), Tuple.of(1, true)).list().ofSize(items.size())
                .map(picked -> IntStream.range(0, items.size()).filter(picked::get).mapToObj(items::get).toList());
    }
}
