package io.mktsync.cluster;

import io.mktsync.chaos.PluginNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Two plugin nodes on {@code standalone-full-cluster.xml}: both take requests from the replicated
 * broker pair and share the test's PostgreSQL (PostgreSqlForTests), where one of them at a time
 * dispatches. node1 has WildFly's ports plus 100, node2 plus 200; the Arquillian-managed server
 * (the simulator) keeps WildFly's own. Each node's base folder, log included, stays in
 * {@code target/cluster-node1} and {@code target/cluster-node2} for a look after the build.
 */
public final class Cluster implements AutoCloseable {

    private static final String SERVER_CONFIG = "standalone-full-cluster.xml";
    private static final String REQUESTS = "jms.queue.SyncRequests";

    private final BrokerPair broker;
    private final PluginNode node1;
    private final PluginNode node2;

    /** {@code target}: the server module's build folder, with the installation's deployments. */
    public Cluster(Path target) {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path war = target.resolve("deployments/mktsync.war");
        broker = new BrokerPair(target.resolve("cluster-broker"));
        node1 = new PluginNode(jbossHome, target.resolve("cluster-node1"), war, 100, "node1", SERVER_CONFIG);
        node2 = new PluginNode(jbossHome, target.resolve("cluster-node2"), war, 200, "node2", SERVER_CONFIG);
    }

    /**
     * The broker pair, then node1, then node2: node1 is ready and dispatching before node2 starts,
     * so that each run begins alike; and both nodes' listeners take from SyncRequests (the resource
     * adapter connects them after the deployment is up).
     */
    public void start() throws IOException, InterruptedException {
        broker.start();
        Path configuration = Path.of(System.getProperty("mktsync.node-configuration"));
        node1.prepare(configuration);
        node2.prepare(configuration);
        node1.start();
        Awaitility.await("node1 dispatching").atMost(Duration.ofSeconds(30)).until(() -> dispatches(node1));
        int one = Awaitility.await("node1 taking requests").atMost(Duration.ofSeconds(30))
                .until(() -> BrokerPair.consumers(REQUESTS), n -> n > 0);
        node2.start();
        Awaitility.await("node2 taking requests").atMost(Duration.ofSeconds(30)).until(() -> BrokerPair.consumers(REQUESTS) >= 2 * one);
    }

    public BrokerPair broker() {
        return broker;
    }

    public PluginNode node1() {
        return node1;
    }

    public PluginNode node2() {
        return node2;
    }

    /** Whether the node holds the dispatch lease (readiness check mktsync-backlog, data dispatcher: "node1 (this node)"). */
    public static boolean dispatches(PluginNode node) {
        return node.check("mktsync-backlog").getJsonObject("data").getString("dispatcher").equals(node.name() + " (this node)");
    }

    /** The requests a node's intake stored since it started (readiness data requestsStoredHere); 0 for a node that is down. */
    public static long storedHere(PluginNode node) {
        try {
            return node.check("mktsync-backlog").getJsonObject("data").getJsonNumber("requestsStoredHere").longValue();
        } catch (RuntimeException down) {
            return 0;
        }
    }

    /** The nodes, then the brokers, each stopped gracefully. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            node1.close();
            node2.close();
        } finally {
            broker.close();
        }
    }
}
