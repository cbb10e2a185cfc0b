package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporal's Java SDK on its in-process test server: one workflow runs the DAG, each node an
 * activity started once its dependencies' activities completed; the worker runs at most K
 * activities at once. Its history is Temporal's journal.
 */
public final class TemporalPeer implements Peer {

    private static volatile Dag dag;
    private static volatile Checker checker;
    private static volatile boolean zeroWork;

    @Override
    public String name() {
        return "Temporal 1.38.0 (test server)";
    }

    /** The DAG, as the workflow receives it. */
    public static final class DagInput {
        public int[][] deps;

        public DagInput() {
        }

        DagInput(Dag dag) {
            deps = dag.deps().toArray(new int[0][]);
        }
    }

    @WorkflowInterface
    public interface DagWorkflow {
        @WorkflowMethod
        void run(DagInput input);
    }

    @ActivityInterface
    public interface NodeActivity {
        void work(int node);
    }

    public static final class DagWorkflowImpl implements DagWorkflow {
        private final NodeActivity activity = Workflow.newActivityStub(NodeActivity.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(10)).build());

        @Override
        public void run(DagInput input) {
            int n = input.deps.length;
            List<Promise<Void>> done = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                List<Promise<Void>> deps = new ArrayList<>();
                for (int d : input.deps[i]) {
                    deps.add(done.get(d));
                }
                int node = i;
                Promise<Void> ready = deps.isEmpty() ? Workflow.newPromise(null) : Promise.allOf(deps);
                done.add(ready.thenCompose(x -> Async.procedure(activity::work, node)));
            }
            Promise.allOf(done).get();
        }
    }

    public static final class NodeActivityImpl implements NodeActivity {
        @Override
        public void work(int node) {
            checker.start(node);
            Checker.work(dag, node, zeroWork);
            checker.end(node);
        }
    }

    @Override
    public Duration run(Dag workload, int k, boolean noWork, Checker watch) {
        dag = workload;
        checker = watch;
        zeroWork = noWork;
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        try {
            Worker worker = env.newWorker("dag", WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(k)
                    .build());
            worker.registerWorkflowImplementationTypes(DagWorkflowImpl.class);
            worker.registerActivitiesImplementations(new NodeActivityImpl());
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            DagWorkflow workflow = client.newWorkflowStub(DagWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("dag").setWorkflowId("dag-" + System.nanoTime()).build());
            long start = System.nanoTime();
            workflow.run(new DagInput(workload));
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            env.close();
        }
    }
}
