package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.h2.jdbcx.JdbcDataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.sql.h2.H2StorageProvider;

/**
 * JobRunr on an H2 file: each node a background job enqueued once its dependencies' jobs
 * completed; K workers; JobRunr's shortest poll interval. Its job table is its journal.
 */
public final class JobRunrPeer implements Peer {

    private static volatile Dag dag;
    private static volatile Checker checker;
    private static volatile boolean zeroWork;
    private static volatile AtomicIntegerArray unmet;
    private static volatile List<List<Integer>> dependents;
    private static volatile CountDownLatch done;

    @Override
    public String name() {
        return "JobRunr 8.7.0 (H2)";
    }

    /** The job: JobRunr serializes a call to this static method with its argument. */
    public static void node(int node) {
        checker.start(node);
        Checker.work(dag, node, zeroWork);
        checker.end(node);
        for (int next : dependents.get(node)) {
            if (unmet.decrementAndGet(next) == 0) {
                BackgroundJob.enqueue(() -> JobRunrPeer.node(next));
            }
        }
        done.countDown();
    }

    @Override
    public Duration run(Dag workload, int k, boolean noWork, Checker watch) throws Exception {
        dag = workload;
        checker = watch;
        zeroWork = noWork;
        unmet = new AtomicIntegerArray(workload.n());
        dependents = new ArrayList<>();
        for (int i = 0; i < workload.n(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < workload.n(); i++) {
            unmet.set(i, workload.deps().get(i).length);
            for (int d : workload.deps().get(i)) {
                dependents.get(d).add(i);
            }
        }
        done = new CountDownLatch(workload.n());
        Path dir = Files.createTempDirectory("jobrunr-bench");
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:file:" + dir.resolve("jobrunr") + ";WRITE_DELAY=0");
        data.setUser("sa");
        JobRunrConfiguration.JobRunrConfigurationResult configured = JobRunr.configure()
                .useStorageProvider(new H2StorageProvider(data))
                .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(k).andPollInterval(Duration.ofSeconds(5)))
                .initialize();
        long start = System.nanoTime();
        for (int i = 0; i < workload.n(); i++) {
            // roots from the DAG: a live counter may already be 0 for a node a finished task released
            if (dag.deps().get(i).length == 0) {
                int node = i;
                BackgroundJob.enqueue(() -> JobRunrPeer.node(node));
            }
        }
        if (!done.await(60, TimeUnit.MINUTES)) {
            throw new IllegalStateException("jobrunr did not finish");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        JobRunr.destroy();
        return wall;
    }
}
