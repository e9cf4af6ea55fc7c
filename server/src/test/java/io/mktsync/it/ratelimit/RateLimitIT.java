package io.mktsync.it.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Marketo's rate and concurrency limits (20023, 20024) make every request on the node back off
 * together and try again; they spend no retries (there are 3) and no deliveries, and they do not
 * open the circuit.
 */
class RateLimitIT extends MktsyncIT {

    @Test
    void moreRateLimitsThanRetriesStillSucceedOnTheFirstDelivery() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":20023,\"times\":4},{\"code\":20024,\"times\":3}]}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.send(example("opportunity-insert.json"), Map.of()));
        }

        for (String id : ids) {
            Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
            assertEquals(1, reply.properties().get("mktsync_deliveries"), "never rolled back for redelivery");
        }
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"));
        assertEquals(true, Plugin.ready(), "a rate limit is slowing down, not unreadiness");
        List<String> answers = Simulator.calls().stream().map(c -> c.getString("answer")).toList();
        assertEquals(7, answers.stream().filter(a -> a.equals("20023") || a.equals("20024")).count());
        assertEquals(4, Simulator.objectsApplied(), "each request applied once");
    }
}
