package io.slotflow.bench.peers;

import io.slotflow.bench.Dag;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its JDBC job store on an H2 file: each node a job fired by a "now" trigger once its
 * dependencies' jobs completed; K worker threads. The job store is Quartz's journal.
 */
public final class QuartzPeer implements Peer {

    private static volatile Dag dag;
    private static volatile Checker checker;
    private static volatile boolean zeroWork;
    private static volatile AtomicIntegerArray unmet;
    private static volatile List<List<Integer>> dependents;
    private static volatile CountDownLatch done;

    @Override
    public String name() {
        return "Quartz 2.5.2 (JDBC store, H2)";
    }

    @DisallowConcurrentExecution
    public static final class NodeJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            int node = context.getMergedJobDataMap().getInt("node");
            checker.start(node);
            Checker.work(dag, node, zeroWork);
            checker.end(node);
            for (int next : dependents.get(node)) {
                if (unmet.decrementAndGet(next) == 0) {
                    fire(context.getScheduler(), next);
                }
            }
            done.countDown();
        }
    }

    static void fire(Scheduler scheduler, int node) {
        try {
            scheduler.scheduleJob(JobBuilder.newJob(NodeJob.class).withIdentity("n" + node).usingJobData("node", node)
                    .build(), TriggerBuilder.newTrigger().withIdentity("t" + node).startNow().build());
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
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
        Path dir = Files.createTempDirectory("quartz-bench");
        String url = "jdbc:h2:file:" + dir.resolve("quartz") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                InputStream ddl = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_h2.sql")) {
            for (String statement : new String(ddl.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(k));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "ds");
        p.setProperty("org.quartz.dataSource.ds.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.ds.driver", "org.h2.Driver");
        p.setProperty("org.quartz.dataSource.ds.URL", url);
        p.setProperty("org.quartz.dataSource.ds.user", "sa");
        p.setProperty("org.quartz.dataSource.ds.password", "");
        p.setProperty("org.quartz.dataSource.ds.maxConnections", Integer.toString(k + 2));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(k));
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.start();
        long start = System.nanoTime();
        for (int i = 0; i < workload.n(); i++) {
            // roots from the DAG: a live counter may already be 0 for a node a finished task released
            if (dag.deps().get(i).length == 0) {
                fire(scheduler, i);
            }
        }
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("quartz did not finish");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        scheduler.shutdown(true);
        return wall;
    }
}
