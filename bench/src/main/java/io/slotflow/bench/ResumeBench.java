package io.slotflow.bench;

import io.slotflow.engine.EngineSettings;
import io.slotflow.engine.RunHandle;
import io.slotflow.engine.RunOptions;
import io.slotflow.engine.RunResult;
import io.slotflow.engine.Slotflow;
import io.slotflow.event.NodeDispatched;
import io.slotflow.event.NodeSucceeded;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resuming a big run: a child JVM runs a 10,000-node DAG (zero-work sessions) and is killed with
 * {@code kill -9} part-way; the resume is timed from the engine's start to its first new dispatch,
 * and to completion.
 */
final class ResumeBench {

    record Row(int nodes, int doneBeforeKill, Duration toFirstDispatch, Duration toCompletion) {
    }

    private ResumeBench() {
    }

    static Row run(int n, double killAt) throws Exception {
        try (Scratch scratch = Scratch.create("slotflow-resume")) {
            return run(n, killAt, scratch.path());
        }
    }

    private static Row run(int n, double killAt, Path dir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), Bench.class.getName(), "resume-child", dir.toString(),
                Integer.toString(n)).redirectErrorStream(true).start();
        int done = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && done < n * killAt) {
                if (line.startsWith("succeeded ")) {
                    done = Integer.parseInt(line.substring("succeeded ".length()));
                }
            }
        }
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
        Dag dag = Dag.random(n, 42, 0, 0);
        long start = System.nanoTime();
        try (Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new InJvmRunner(dag, true))) {
            CompletableFuture<Long> firstDispatch = new CompletableFuture<>();
            RunHandle run = engine.run(dag.toPlan(8), new RunOptions("resume", dir));
            run.subscribe(e -> {
                if (e instanceof NodeDispatched) {
                    firstDispatch.complete(System.nanoTime());
                }
            });
            RunResult result = run.result().toCompletableFuture().get(30, TimeUnit.MINUTES);
            if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
                throw new IllegalStateException("resumed run ended " + result.outcome());
            }
            long end = System.nanoTime();
            return new Row(n, done, Duration.ofNanos(firstDispatch.getNow(end) - start), Duration.ofNanos(end - start));
        }
    }

    /** The child: runs the DAG and prints its progress. */
    static void child(Path dir, int n) throws Exception {
        Dag dag = Dag.random(n, 42, 0, 0);
        Slotflow engine = Slotflow.start(EngineSettings.defaults(dir), new InJvmRunner(dag, true));
        RunHandle run = engine.run(dag.toPlan(8), new RunOptions("resume", dir));
        AtomicInteger succeeded = new AtomicInteger();
        run.subscribe(e -> {
            if (e instanceof NodeSucceeded && succeeded.incrementAndGet() % 100 == 0) {
                System.out.println("succeeded " + succeeded.get());
                System.out.flush();
            }
        });
        run.result().toCompletableFuture().join();
        System.exit(0);
    }
}
