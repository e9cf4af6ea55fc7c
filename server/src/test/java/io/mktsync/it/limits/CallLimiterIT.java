package io.mktsync.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The node's call limiter keeps the plugin within the limits Marketo enforces: with the simulator
 * enforcing exactly the limits the plugin is configured with (3 at once, 20 calls per 2 s in the
 * test server), a backlog of 40 full calls' worth never gets a 20023 or 20024, and the simulator
 * never sees more than 3 calls at once.
 */
class CallLimiterIT extends MktsyncIT {

    private static final int REQUESTS = 40;

    @Test
    void theSimulatorNeverSeesMoreThanTheConfiguredRateOrConcurrency() throws Exception {
        Simulator.faults("{\"latencyMs\":150,\"concurrencyLimit\":3,\"rateLimitCalls\":20,\"rateLimitWindowMs\":2000}");

        List<Reply> replies = replies(client.sendAll(IntStream.range(0, REQUESTS)
                .mapToObj(i -> Requests.opportunities("INSERT", "LIMIT-" + i + "-", 100)).toList()));

        replies.forEach(r -> assertEquals("SUCCEEDED", r.outcome()));
        List<JsonObject> calls = Simulator.syncCalls();
        assertEquals(REQUESTS, calls.size());
        calls.forEach(c -> assertEquals("OK", c.getString("answer"), "refused by Marketo's limits: " + c));
        int mostAtOnce = calls.stream().mapToInt(c -> c.getInt("inFlight")).max().orElseThrow();
        assertTrue(mostAtOnce <= 3, mostAtOnce + " calls at once");
        assertTrue(mostAtOnce > 1, "calls do run at once: " + mostAtOnce);
        JsonObject data = Plugin.check("marketo-limits").getJsonObject("data");
        assertEquals(3, data.getInt("concurrencyLimit"));
        assertEquals(20, data.getInt("callsPerWindow"));
        assertTrue(data.getInt("callsToday") >= REQUESTS, data.toString());
    }
}
