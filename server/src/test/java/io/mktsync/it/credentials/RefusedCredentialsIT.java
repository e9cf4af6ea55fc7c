package io.mktsync.it.credentials;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
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
 * Marketo refuses who the plugin is (SOAP: its encryption key is not the instance's; REST: Identity
 * refuses its client secret): one call, then no more; readiness DOWN saying why; requests wait in the
 * queue instead of failing, and all of them go through once the credentials are fixed and an
 * operator resumes.
 */
class RefusedCredentialsIT extends MktsyncIT {

    @Test
    void requestsWaitWithoutCallsUntilFixedAndResumed() throws Exception {
        Simulator.credentialsThePluginDoesNotHave();

        List<String> ids = new ArrayList<>();
        ids.add(client.send(opportunity("INSERT", "OPP-C0", "Waits"), Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        for (int i = 1; i <= 3; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-C" + i, "Waits"), Map.of()));
        }

        String refusal = Backend.rest() ? "401 - Identity refused client id mktsync-sim-client: Bad client credentials"
                : "20014 - Authentication failed";
        assertTrue(Plugin.readinessReason().contains(refusal), Plugin.readinessReason());
        assertEquals("CREDENTIALS", Plugin.readiness().getJsonObject("data").getString("hold"));
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"),
                "refused credentials are not an outage");
        assertFalse(client.awaitReply(ids.get(0), Duration.ofSeconds(3)).isPresent(), "no failure reply: it waits");
        if (Backend.rest()) {
            // At most a call with the token the new secret revoked (601); then Identity refuses the secret.
            assertTrue(Simulator.calls().stream().allMatch(c -> c.getString("answer").equals("601"))
                    && Simulator.calls().size() <= 1, Simulator.calls().toString());
            assertEquals(List.of("HTTP 401"), Simulator.identityCalls().stream().map(c -> c.getString("answer")).toList(),
                    "one token request, refused, and no more while held");
        } else {
            assertEquals(1, Simulator.calls().size(), "no call while held, however long it lasts");
        }

        Simulator.reset(); // the instance's credentials are the plugin's again
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
