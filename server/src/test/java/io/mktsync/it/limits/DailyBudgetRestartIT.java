package io.mktsync.it.limits;

import static io.mktsync.it.Requests.opportunity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.chaos.PluginNode;
import io.mktsync.it.Jms;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's daily budget is counted in the store (MKTSYNC_CALL): once spent, a restarted server is
 * still held by it (readiness {@code marketo-limits} DOWN, hold BUDGET) and a request sent after the
 * restart waits in the store instead of going to Marketo. The plugin runs on a second WildFly (the
 * chaos test's {@link PluginNode}) with a budget of 2 calls, so that the test can restart it; the
 * Arquillian-managed server runs the simulator.
 */
@ExtendWith(ArquillianExtension.class)
class DailyBudgetRestartIT {

    private static final Path TARGET = Path.of(System.getProperty("mktsync.deployments", "target/deployments")).getParent();
    private static final int BUDGET = 2;
    private static final String SMALL_BUDGET = "-Dmktsync.limits.daily-budget=" + BUDGET;

    @Deployment(testable = false)
    static WebArchive simulator() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, TARGET.resolve("deployments/simulator.war").toFile());
    }

    private static SyncClient client(PluginNode node) {
        return new SyncClient(node.jmsUrl(), Jms.USER, Jms.PASSWORD, Jms::assertPublishedForm);
    }

    private static JsonObject limits(PluginNode node) {
        return node.check("marketo-limits");
    }

    private static boolean budgetSpent(PluginNode node) {
        return "DOWN".equals(limits(node).getString("status"));
    }

    /** DOWN for the budget; the calls counted today. */
    private static int assertBudgetHold(PluginNode node) {
        JsonObject limits = limits(node);
        assertEquals("DOWN", limits.getString("status"), limits.toString());
        assertEquals("BUDGET", limits.getJsonObject("data").getString("hold"));
        int callsToday = limits.getJsonObject("data").getInt("callsToday");
        assertTrue(callsToday >= BUDGET, limits.toString());
        return callsToday;
    }

    @Test
    void aSpentDailyBudgetIsStillHeldAfterARestart() throws Exception {
        Simulator.reset();
        try (PluginNode node = new PluginNode(Path.of(System.getProperty("jboss.home")), TARGET.resolve("budget-node"),
                TARGET.resolve("deployments/mktsync.war"))) {
            node.prepare(Path.of(System.getProperty("mktsync.node-configuration")));
            node.start(SMALL_BUDGET);
            assertEquals("UP", limits(node).getString("status"));
            try (SyncClient client = client(node)) {
                // One request at a time, so that each has a call of its own (REST's token request takes a permit too).
                for (int i = 0; !budgetSpent(node); i++) {
                    assertTrue(i < BUDGET, "the budget spent by " + BUDGET + " requests");
                    int callsBefore = Simulator.syncCalls().size();
                    client.send(opportunity("INSERT", "BUDGET-" + i, "Spends the budget"), Map.of());
                    await("a call to Marketo").atMost(Duration.ofSeconds(30))
                            .until(() -> Simulator.syncCalls().size() > callsBefore || budgetSpent(node));
                }
            }
            await("the last call ended").atMost(Duration.ofSeconds(30))
                    .until(() -> limits(node).getJsonObject("data").getInt("callsInFlight") == 0);
            int callsToday = assertBudgetHold(node);
            int syncCalls = Simulator.syncCalls().size();
            assertTrue(syncCalls > 0);

            node.stop();
            node.start(SMALL_BUDGET);

            assertEquals(callsToday, assertBudgetHold(node), "the calls counted before the restart");
            try (SyncClient client = client(node)) {
                String id = client.send(opportunity("INSERT", "BUDGET-AFTER-RESTART", "Waits for the budget"), Map.of());
                await("the requests wait for the daily budget").atMost(Duration.ofSeconds(30))
                        .until(() -> node.check("mktsync-backlog").getJsonObject("data").getInt("waiting.DAILY_BUDGET", 0) >= 1);
                await("nothing more sent to Marketo").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> Simulator.syncCalls().size() == syncCalls);
                assertTrue(client.awaitReply(id, Duration.ofSeconds(1)).isEmpty(), "not answered while the budget is spent");
            }
            assertEquals(callsToday, assertBudgetHold(node));
        }
    }
}
