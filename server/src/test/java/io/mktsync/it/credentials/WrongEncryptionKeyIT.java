package io.mktsync.it.credentials;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marketo refuses the signature (the plugin's encryption key is not the instance's): one call, then
 * no more; readiness DOWN saying why; requests wait in the queue instead of failing, and all of
 * them go through once the credentials are fixed and an operator resumes.
 */
class WrongEncryptionKeyIT extends MktsyncIT {

    @Test
    void requestsWaitWithoutCallsUntilFixedAndResumed() throws Exception {
        Simulator.credentials("mktsync_sim_0123456789ABCDEF", "a-key-the-plugin-does-not-have");

        List<String> ids = new ArrayList<>();
        ids.add(client.send(example("opportunity-insert.json"), Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        for (int i = 0; i < 3; i++) {
            ids.add(client.send(example("opportunity-insert.json"), Map.of()));
        }

        assertTrue(Plugin.readinessReason().contains("20014 - Authentication failed"), Plugin.readinessReason());
        assertEquals("CREDENTIALS", Plugin.readiness().getJsonObject("data").getString("hold"));
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"),
                "refused credentials are not an outage");
        assertFalse(client.awaitReply(ids.get(0), Duration.ofSeconds(3)).isPresent(), "no failure reply: it waits");
        assertEquals(1, Simulator.calls().size(), "no call while held, however long it lasts");

        Simulator.reset(); // the instance's key is the plugin's again
        Plugin.resume();
        for (String id : ids) {
            Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
        }
        assertTrue(Plugin.ready());
        assertEquals(4, Simulator.syncCalls().stream().mapToInt(c -> c.getJsonArray("objects").size()).sum(),
                "each request applied once (the waiting ones may share a call)");
    }
}
