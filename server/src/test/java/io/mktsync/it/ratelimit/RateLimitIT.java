package io.mktsync.it.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marketo's rate and concurrency limits (SOAP's 20023, 20024; REST's 606, 615, injected as such) make
 * every request on the node back off together and try again; they spend no retries (there are 3) and
 * no deliveries, and they do not open the circuit.
 */
class RateLimitIT extends MktsyncIT {

    @Test
    void moreRateLimitsThanRetriesStillSucceedOnTheFirstAttempt() throws Exception {
        String rate = Backend.rest() ? "606" : "20023";
        String concurrency = Backend.rest() ? "615" : "20024";
        Simulator.faults("{\"failures\":[{\"code\":" + rate + ",\"times\":4},{\"code\":" + concurrency + ",\"times\":3}]}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-L" + i, "Limited"), Map.of()));
        }

        for (String id : ids) {
            Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
            assertEquals(1, reply.properties().get("mktsync_attempts"), "no attempt spent");
        }
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"));
        assertEquals(true, Plugin.ready(), "a rate limit is slowing down, not unreadiness");
        List<String> answers = Simulator.calls().stream().map(c -> c.getString("answer")).toList();
        assertEquals(4, answers.stream().filter(rate::equals).count());
        assertEquals(3, answers.stream().filter(concurrency::equals).count());
        assertEquals(4, Simulator.objectsApplied(), "each request applied once");
    }
}
