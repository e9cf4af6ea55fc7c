package io.mktsync.it.quota;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.Backlog;
import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marketo's daily quota is spent (SOAP's 20015, REST's 607): calls stop, requests wait in the store, readiness says
 * DOWN and until when; a trial call after the interval (2 s in the tests, 1 h by default, at the
 * latest at midnight US Central) finds the quota back and everything flows by itself.
 */
class DailyQuotaIT extends MktsyncIT {

    @Test
    void requestsWaitForTheQuotaAndResumeByThemselves() throws Exception {
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
        assertTrue(Plugin.readinessReason().contains(Backend.rest() ? "607 - Daily quota reached" : "20015"),
                Plugin.readinessReason());

        // They wait in the store, not on the queue: no delivery is spent, however long the hold.
        assertEquals(0, Jms.queued("SyncRequests"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Backlog.waiting() == ids.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Plugin.check("mktsync-backlog").getJsonObject("data")
                .getInt("waiting.QUOTA_HOLD", 0) == ids.size());

        Simulator.faults("{}"); // a new day, or a raised quota: no limit any more
        for (String id : ids) {
            assertEquals("SUCCEEDED", client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        }
        await().atMost(Duration.ofSeconds(10)).until(Plugin::ready);
        List<String> answers = Simulator.calls().stream().map(c -> c.getString("answer")).toList();
        int firstApplied = answers.indexOf("OK");
        assertTrue(firstApplied >= 1 && firstApplied <= 5,
                "only requests already under way, and one trial at a time, met the spent quota: " + answers);
        assertTrue(answers.subList(firstApplied, answers.size()).stream().allMatch("OK"::equals), answers.toString());
        assertEquals(5, Simulator.objectsApplied(), "each request applied once");
    }
}
