package io.slotflow.engine.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.slotflow.persistence.CoordinatorLease;
import io.slotflow.persistence.JournalConfig;
import java.util.List;

/** The Pekko configuration of a cluster member: Artery, seed nodes, roles, split-brain resolver, Jackson. */
final class ClusterConfig {

    /** Members that run sessions; the coordinator and the spec actors live only on them. */
    static final String WORKER = "worker";

    private static final String MEMBER = "slotflow.member-id";

    private ClusterConfig() {
    }

    static Config of(NodeSettings node) {
        List<String> seeds = node.seedNodes().stream().map(s -> "pekko://slotflow@" + s).toList();
        Config cluster = ConfigFactory.parseString("""
                pekko {
                  actor.provider = cluster
                  actor.serialization-bindings {
                    "io.slotflow.engine.internal.ClusterMessage" = jackson-cbor
                  }
                  serialization.jackson.allowed-class-prefix = ["io.slotflow."]
                  remote.artery.transport = tcp
                  cluster {
                    downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      # the side with more members survives a partition; the other downs itself
                      active-strategy = keep-majority
                      stable-after = 7s
                    }
                    sharding {
                      role = "worker"
                      # spec actors hold little and are woken by every run start: never passivate
                      passivation.strategy = none
                    }
                    singleton.role = "worker"
                    # a member that leaves hands its singletons and shards over before it stops
                    run-coordinated-shutdown-when-down = on
                  }
                  coordinated-shutdown.exit-jvm = off
                }
                """)
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(node.host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(node.port()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.cluster.roles",
                        ConfigValueFactory.fromIterable(node.isWorker() ? List.of(WORKER) : List.of("client")));
        // this start of the member's JVM gets an id its journal connections carry: the coordinator's fence
        String member = CoordinatorLease.newMember();
        cluster = cluster.withValue(MEMBER, ConfigValueFactory.fromAnyRef(member));
        if (new CoordinatorLease(node.engine().journal()).fences()) {
            cluster = cluster.withValue("pekko-persistence-jdbc.shared-databases.slick.db.connectionInitSql",
                    ConfigValueFactory.fromAnyRef(CoordinatorLease.connectionInitSql(member)));
        }
        return cluster.withFallback(JournalConfig.of(node.engine().journal()));
    }

    /** This member's id for the coordinator's fence ({@link CoordinatorLease}), in its configuration. */
    static String member(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return system.settings().config().getString(MEMBER);
    }
}
