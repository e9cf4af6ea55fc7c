package io.mktsync.it.credentials;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Marketo refuses the signature (the plugin's encryption key is not the instance's): one call per
 * message, no retries, each sender told why, and readiness DOWN until a call is accepted again.
 */
class WrongEncryptionKeyIT extends MktsyncIT {

    @Test
    void oneCallPerMessageAndReadinessDownSayingWhy() throws Exception {
        Simulator.credentials("mktsync_sim_0123456789ABCDEF", "a-key-the-plugin-does-not-have");

        for (int i = 0; i < 3; i++) {
            Reply reply = request(example("opportunity-insert.json"));
            assertEquals("FAILED", reply.outcome());
            assertTrue(reply.body().contains("20014 - Authentication failed"), reply.body());
        }

        assertEquals(3, Simulator.calls().size(), "no retry storm: one call per message");
        assertFalse(Plugin.ready());
        assertTrue(Plugin.readinessReason().contains("20014"), Plugin.readinessReason());
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"),
                "refused credentials are not an outage");

        Simulator.reset();
        assertEquals("SUCCEEDED", request(example("opportunity-insert.json")).outcome());
        await().atMost(Duration.ofSeconds(10)).until(Plugin::ready);
    }
}
