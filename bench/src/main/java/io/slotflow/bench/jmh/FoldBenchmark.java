package io.slotflow.bench.jmh;

import io.slotflow.bench.Dag;
import io.slotflow.event.RunEvent;
import io.slotflow.sim.Simulator;
import io.slotflow.state.RunState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Folding a run's events into its state: the simulated events of a 10,000-node DAG, per event. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class FoldBenchmark {

    private List<RunEvent> events;

    @Setup
    public void setUp() {
        events = Simulator.run(Dag.random(10_000, 42, 1_000, 5_000).toPlan(8)).events();
    }

    /** One whole fold; the report divides by the event count for events per second. */
    @Benchmark
    public RunState fold() {
        return RunState.fold(events);
    }

    public int eventCount() {
        return events.size();
    }
}
