package io.mktsync.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.chaos.PluginNode;
import io.mktsync.it.Backend;
import io.mktsync.it.Jms;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes, one Marketo: whichever node took a request, the same key keeps its order, and a hold
 * one node met holds the other until one resume, asked on either, ends it on both. Which node takes
 * a request is chosen with WildFly's own {@code stop-delivery}/{@code start-delivery} on the other.
 */
@ExtendWith(ArquillianExtension.class)
// Only in the failsafe execution "cluster", which starts PostgreSQL and names the broker's distribution.
@EnabledIfSystemProperty(named = "mktsync.cluster", matches = "true")
class AcrossNodesIT {

    private static final Path TARGET = Path.of(System.getProperty("mktsync.deployments", "target/deployments")).getParent();
    private static Cluster cluster;

    @Deployment(testable = false)
    static WebArchive simulator() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, TARGET.resolve("deployments/simulator.war").toFile());
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new Cluster(TARGET);
        cluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void nothingHeld() {
        Simulator.reset();
        cluster.node1().resume();
    }

    @Test
    void theSecondUpdateOfAKeyWinsWhicheverNodeTookEach() throws Exception {
        // Long calls: the first update is still in its call when the other node stores the second.
        Simulator.faults("{\"latencyMs\":10000}");
        String key = "ACROSS-" + System.nanoTime();
        PluginNode first = cluster.node1();
        PluginNode second = cluster.node2();
        try (SyncClient client = new SyncClient(BrokerPair.URL, Jms.USER, Jms.PASSWORD, Jms::assertPublishedForm)) {
            String one;
            String two;
            second.delivery(false);
            try {
                long storedByFirst = stored(first);
                one = client.send(Requests.opportunity("UPSERT", key, "first"), Map.of());
                await("node1 stored the first update").atMost(Duration.ofSeconds(30)).until(() -> stored(first) > storedByFirst);
                first.delivery(false);
            } finally {
                second.delivery(true);
            }
            try {
                long storedBySecond = stored(second);
                two = client.send(Requests.opportunity("UPSERT", key, "second"), Map.of());
                await("node2 stored the second update").atMost(Duration.ofSeconds(30)).until(() -> stored(second) > storedBySecond);
            } finally {
                first.delivery(true);
            }

            assertEquals("SUCCEEDED", client.awaitReply(one, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
            assertEquals("SUCCEEDED", client.awaitReply(two, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        }
        List<JsonObject> stored = Simulator.opportunities(key);
        assertEquals(1, stored.size(), stored.toString());
        assertEquals("second", stored.get(0).getJsonObject("attributes").getString("Name"));
    }

    @Test
    void aQuotaHoldOneNodeMetHoldsTheOtherAndOneResumeEndsItOnBoth() throws Exception {
        Simulator.faults("{\"quotaRemaining\":0}");
        PluginNode dispatching = Cluster.dispatches(cluster.node1()) ? cluster.node1() : cluster.node2();
        PluginNode other = dispatching == cluster.node1() ? cluster.node2() : cluster.node1();
        String key = "HELD-" + System.nanoTime();
        try (SyncClient client = new SyncClient(BrokerPair.URL, Jms.USER, Jms.PASSWORD, Jms::assertPublishedForm)) {
            String met = client.send(Requests.opportunity("INSERT", key + "-1", "meets the spent quota"), Map.of());
            await("the dispatching node holds").atMost(Duration.ofSeconds(30)).until(() -> held(dispatching));
            await("the other node shows the hold").atMost(Duration.ofSeconds(10)).until(() -> held(other));
            assertTrue(marketo(other).getJsonObject("data").getString("reason")
                    .contains(Backend.rest() ? "607" : "20015"), marketo(other).toString());

            // A request the other node takes waits under the same hold: it meets no quota of its own.
            String waits;
            dispatching.delivery(false);
            try {
                long storedByOther = stored(other);
                waits = client.send(Requests.opportunity("INSERT", key + "-2", "waits for the quota"), Map.of());
                await("the other node stored it").atMost(Duration.ofSeconds(30)).until(() -> stored(other) > storedByOther);
            } finally {
                dispatching.delivery(true);
            }
            await("both wait under the hold").atMost(Duration.ofSeconds(10)).until(() ->
                    backlog(other).getInt("waiting.QUOTA_HOLD", 0) == 2);
            assertEquals(1, Simulator.syncCalls().size(), "only the call that met the spent quota");

            Simulator.faults("{}");
            JsonObject resumed = other.resume();
            assertEquals("[\"QUOTA hold\"]", resumed.getJsonArray("resumed").toString(), "what the cluster held, asked on the other node");
            await("the hold ends on both").atMost(Duration.ofSeconds(10)).until(() -> !held(dispatching) && !held(other));
            assertEquals("SUCCEEDED", client.awaitReply(met, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
            assertEquals("SUCCEEDED", client.awaitReply(waits, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        }
        assertEquals(1, Simulator.opportunities(key + "-1").size());
        assertEquals(1, Simulator.opportunities(key + "-2").size());
    }

    private static JsonObject marketo(PluginNode node) {
        return node.check("marketo");
    }

    private static boolean held(PluginNode node) {
        return "QUOTA".equals(marketo(node).getJsonObject("data").getString("hold", null));
    }

    private static JsonObject backlog(PluginNode node) {
        return node.check("mktsync-backlog").getJsonObject("data");
    }

    private static long stored(PluginNode node) {
        return backlog(node).getJsonNumber("requestsStoredHere").longValue();
    }
}
