package io.mktsync.it.outage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Marketo is down: retries are spent, the circuit opens, readiness goes DOWN and the request goes
 * back to the broker. When Marketo is back, the redelivered request succeeds, the circuit closes
 * and readiness is UP again.
 */
class MarketoOutageIT extends MktsyncIT {

    @Test
    void circuitOpensWhileDownAndTheRequestCompletesAfterRecovery() throws Exception {
        Simulator.down(true);
        String id = client.send(opportunity("INSERT", "OPP-O1", "After the outage"), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        assertEquals("OPEN", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"));
        assertTrue(Plugin.readinessReason().contains("circuit breaker open"), Plugin.readinessReason());
        // With REST, the first thing that fails is the token request.
        long failedCalls = Stream.concat(Simulator.calls().stream(), Simulator.identityCalls().stream())
                .filter(c -> c.getString("answer").equals("HTTP 503")).count();
        assertEquals(6, failedCalls, "5 failures among the last 6 attempts open the breaker: 6 failed attempts");

        Simulator.down(false);
        Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(1, Simulator.opportunities(null).stream().filter(o -> o.getInt("id") > 1000).count(),
                "applied once");
        await().atMost(Duration.ofSeconds(10)).until(Plugin::ready);
    }
}
