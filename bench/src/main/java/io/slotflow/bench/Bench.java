package io.slotflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarks' entry point. {@code java -jar bench/target/benchmarks.jar report OUT.md} runs
 * everything and writes the report (bench/run does this); the other commands run one part.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "report" -> {
                Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
                Files.writeString(out, new Report(Path.of(args.length > 2 ? args[2] : "docs/examples")).write());
                System.err.println("wrote " + out.toAbsolutePath());
            }
            case "engine" -> {
                EngineBench.Result r = EngineBench.run(Integer.parseInt(args[1]), 8,
                        args.length < 3 || args[2].equals("zero"), 42);
                System.out.println(r);
                System.out.println(r.summary());
            }
            case "peers" -> PeersBench.run(Integer.parseInt(args[1]), 8, args.length < 3 || args[2].equals("zero"),
                    args.length < 4 ? 1 : Integer.parseInt(args[3]), 42).forEach(System.out::println);
            case "peer-once" -> PeersBench.runOnce(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), args[4].equals("zero"), Long.parseLong(args[5]));
            case "decision-cpu" -> io.slotflow.bench.jmh.DecisionCpu.run(java.util.Arrays.copyOfRange(args, 1, args.length))
                    .forEach(System.out::println);
            case "replay" -> System.out.println(args.length > 2
                    ? ReplayBench.replay(Integer.parseInt(args[1]), Path.of(args[2]))
                    : ReplayBench.replay(Integer.parseInt(args[1])));
            case "resume" -> System.out.println(ResumeBench.run(Integer.parseInt(args[1]), 0.4));
            case "heap" -> System.out.println(ReplayBench.heapForPlan(Integer.parseInt(args[1])));
            case "quality" -> {
                QualityBench.policies(Integer.parseInt(args[1]), 8, 3).forEach(System.out::println);
                QualityBench.flood(Path.of("docs/examples")).forEach(System.out::println);
                QualityBench.floodThroughEngine(Path.of("docs/examples")).forEach(System.out::println);
            }
            case "quality-report" -> System.out.print(new Report(Path.of("docs/examples")).quality());
            case "member" -> ClusterBench.member(args);
            case "cluster" -> {
                ClusterBench.throughput(args[1], Integer.parseInt(args[2])).forEach(System.out::println);
                System.out.println(ClusterBench.handover(args[1]));
            }
            case "api-load" -> {
                ApiLoad.Result r = ApiLoad.run(Files.createTempDirectory("slotflow-api-load"),
                        Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                System.out.println(r);
                System.out.print(Report.apiLoadTable(r));
            }
            case "resume-child" -> ResumeBench.child(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> {
                System.err.println("usage: benchmarks.jar report [OUT.md [EXAMPLES_DIR]] | engine N zero|timed | decision-cpu [READY...] | peers N zero|timed [RUNS] | replay EVENTS [JOURNAL_DIR] | resume N | heap N | quality N | quality-report | api-load NODES CLIENTS SUBSCRIBERS | cluster POSTGRES_URL N");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
