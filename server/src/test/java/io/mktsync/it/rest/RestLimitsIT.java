package io.mktsync.it.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marketo's REST limits, answered as HTTP 200 with {@code success:false}: 606 (rate) and 615
 * (concurrency) slow the node down and the requests still succeed on their first delivery; 607 (daily
 * quota) holds the requests in the queue, as SOAP's 20015 does, until the quota is back.
 */
class RestLimitsIT extends MktsyncIT {

    private static List<String> answers() {
        return Simulator.calls().stream().map(c -> c.getString("answer")).toList();
    }

    @Test
    void rateAndConcurrencyLimitsSlowDownWithoutFailingOrRedelivering() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":606,\"times\":4},{\"code\":615,\"times\":3}]}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-L" + i, "Limited"), Map.of()));
        }

        for (String id : ids) {
            Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
            assertEquals(1, reply.properties().get("mktsync_deliveries"), "never rolled back for redelivery");
        }
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"));
        assertEquals(true, Plugin.ready(), "a rate limit is slowing down, not unreadiness");
        assertEquals(4, answers().stream().filter("606"::equals).count());
        assertEquals(3, answers().stream().filter("615"::equals).count());
        assertEquals(4, Simulator.objectsApplied(), "each request applied once");
    }

    @Test
    void aSpentDailyQuotaHoldsRequestsUntilItIsBack() throws Exception {
        Simulator.faults("{\"quotaRemaining\":0}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-Q" + i, "Waits for the quota"), Map.of()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        JsonObject data = Plugin.readiness().getJsonObject("data");
        assertEquals("QUOTA", data.getString("hold"));
        Instant reset = Instant.parse(data.getString("quotaResetsAt"));
        assertEquals(0, reset.atZone(ZoneId.of("America/Chicago")).getHour(), "midnight US Central");
        assertTrue(Plugin.readinessReason().contains("607 - Daily quota reached"), Plugin.readinessReason());

        Simulator.faults("{}");
        for (String id : ids) {
            assertEquals("SUCCEEDED", client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        }
        await().atMost(Duration.ofSeconds(10)).until(Plugin::ready);
        int firstApplied = answers().indexOf("OK");
        assertTrue(firstApplied >= 1 && answers().subList(0, firstApplied).stream().allMatch("607"::equals),
                answers().toString());
        assertEquals(5, Simulator.objectsApplied(), "each request applied once");
    }
}
