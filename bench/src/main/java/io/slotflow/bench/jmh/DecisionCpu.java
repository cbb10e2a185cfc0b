package io.slotflow.bench.jmh;

import io.slotflow.policy.Decision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link PolicyBenchmark}'s cases measured in the calling thread's CPU time rather than wall time: on a
 * machine shared with other builds, wall time per call says more about the other builds. Each case
 * warms up for half a second of CPU, then measures five rounds of a fifth of a second of CPU each; the
 * median round's CPU per call is reported. {@code java -jar benchmarks.jar decision-cpu [READY...]}
 * (default 10000).
 */
public final class DecisionCpu {

    private static final long WARM_UP_NANOS = 500_000_000L;
    private static final long ROUND_NANOS = 200_000_000L;
    private static final int ROUNDS = 5;

    private DecisionCpu() {
    }

    public static void main(String[] args) {
        run(args).forEach(System.out::println);
    }

    /** One line per case: scenario, ready nodes, K, measure, µs of CPU per call; {@code sizes} are the ready nodes. */
    public static List<String> run(String... sizes) {
        List<Integer> readySizes = sizes.length == 0 ? List.of(10_000)
                : Arrays.stream(sizes).map(Integer::parseInt).toList();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> lines = new ArrayList<>();
        long sink = 0;
        for (String scenario : List.of("allBlocked", "slotFreed")) {
            for (int ready : readySizes) {
                for (int slots : List.of(8, 64)) {
                    for (String method : List.of("decide", "decideAmongOpen", "slotCycle")) {
                        PolicyBenchmark b = new PolicyBenchmark();
                        b.ready = ready;
                        b.slots = slots;
                        b.scenario = scenario;
                        b.setUp();
                        Supplier<Decision> op = switch (method) {
                            case "decide" -> b::decide;
                            case "decideAmongOpen" -> b::decideAmongOpen;
                            default -> b::slotCycle;
                        };
                        long start = mx.getCurrentThreadCpuTime();
                        while (mx.getCurrentThreadCpuTime() - start < WARM_UP_NANOS) {
                            sink += op.get().starts().size();
                        }
                        double[] perCall = new double[ROUNDS];
                        for (int r = 0; r < ROUNDS; r++) {
                            long calls = 0;
                            long from = mx.getCurrentThreadCpuTime();
                            long now = from;
                            while (now - from < ROUND_NANOS) {
                                for (int i = 0; i < 16; i++) {
                                    sink += op.get().starts().size();
                                }
                                calls += 16;
                                now = mx.getCurrentThreadCpuTime();
                            }
                            perCall[r] = (now - from) / 1000.0 / calls;
                        }
                        Arrays.sort(perCall);
                        lines.add(String.format("%s %d %d %s %.2f", scenario, ready, slots, method, perCall[ROUNDS / 2]));
                        System.err.println(lines.get(lines.size() - 1));
                    }
                }
            }
        }
        lines.add("(sink " + sink + ")");
        return lines;
    }
}
