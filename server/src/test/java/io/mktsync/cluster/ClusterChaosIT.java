package io.mktsync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.chaos.ChaosRun;
import io.mktsync.chaos.PluginNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing lost, nothing doubled across a cluster: a burst of one-object INSERTs by key sent to the
 * broker pair's SyncRequests, which both nodes take from, while it drains: {@code kill -9} of node1
 * (the dispatcher), of the live broker (the backup takes over), node1 started again, {@code kill -9}
 * of node2 (the dispatcher by then). The simulator enforces Marketo's limits (100 calls per 20 s, 10 at
 * once) throughout: the limits are the cluster's, so it refuses no call whichever node dispatches. Every build sends 2,000 requests ({@code cluster.chaos.requests});
 * the cluster chaos command of docs/cluster.md, 10,000. The report goes to stdout and target/cluster-chaos.md.
 */
@ExtendWith(ArquillianExtension.class)
// Only in the failsafe execution "cluster", which starts PostgreSQL and names the broker's distribution.
@EnabledIfSystemProperty(named = "mktsync.cluster", matches = "true")
class ClusterChaosIT {

    private static final Path TARGET = Path.of(System.getProperty("mktsync.deployments", "target/deployments")).getParent();

    @Deployment(testable = false)
    static WebArchive simulator() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, TARGET.resolve("deployments/simulator.war").toFile());
    }

    @Test
    void everyRequestAnsweredOnceAndAppliedOnceThroughNodeAndBrokerKills() throws Exception {
        ChaosRun.Settings settings = new ChaosRun.Settings(
                Integer.getInteger("cluster.chaos.requests", 2000),
                Long.getLong("chaos.latency-ms", 20),
                Duration.ofMinutes(Long.getLong("chaos.drain-minutes", 10)), true);
        ChaosRun.Report report;
        long[] storedBeforeFirstKill = new long[2];
        try (Cluster cluster = new Cluster(TARGET)) {
            cluster.start();
            report = new ChaosRun(BrokerPair.URL, settings, List.of(
                    () -> {
                        storedBeforeFirstKill[0] = Cluster.storedHere(cluster.node1());
                        storedBeforeFirstKill[1] = Cluster.storedHere(cluster.node2());
                        return kill(cluster.node1());
                    },
                    () -> {
                        long began = System.nanoTime();
                        cluster.broker().killLive();
                        return String.format("kill -9 the live broker (backup active %.1f s later)",
                                (System.nanoTime() - began) / 1e9);
                    },
                    () -> {
                        cluster.node1().start();
                        return "node1 started again";
                    },
                    () -> kill(cluster.node2()))).run();
        }
        String table = "Cluster chaos: two nodes, a replicated broker pair, PostgreSQL, REST backend, simulator latency "
                + settings.simulatorLatencyMs() + " ms with Marketo's limits\n\n" + report.table()
                + "\n\nstored before the first kill: node1 " + storedBeforeFirstKill[0] + ", node2 " + storedBeforeFirstKill[1] + "\n";
        System.out.println(table);
        Files.writeString(TARGET.resolve("cluster-chaos.md"), table);

        report.assertNothingLostOrDoubled();
        assertTrue(storedBeforeFirstKill[0] > 0 && storedBeforeFirstKill[1] > 0,
                "both nodes took requests: node1 stored " + storedBeforeFirstKill[0] + ", node2 " + storedBeforeFirstKill[1]);
        assertEquals(0, report.refusedCalls(), "the limits are the cluster's, whichever node dispatches");
        assertEquals(4, report.disruptions().size());
    }

    private static String kill(PluginNode node) {
        String role = Cluster.dispatches(node) ? "the dispatcher" : "not the dispatcher";
        node.kill();
        return "kill -9 " + node.name() + " (" + role + ")";
    }
}
