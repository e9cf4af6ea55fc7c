package io.mktsync.it.coalescing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.Backlog;
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
 * One object per message is how enterprise applications send: 1,000 such requests waiting in the
 * store (held by a spent quota) are served with full calls once Marketo takes calls again (ten of
 * 100 at best over SOAP, twelve allowed; four of 300 over REST, five allowed), and each object's
 * status still reaches its own request's reply.
 */
class BacklogCoalescingIT extends MktsyncIT {

    private static final int REQUESTS = 1000;

    @Test
    void aThousandWaitingOneObjectRequestsTakeFullCalls() throws Exception {
        Backlog.hold();
        List<String> ids = client.sendAll(IntStream.range(0, REQUESTS)
                .mapToObj(i -> Requests.opportunity("INSERT", "BACKLOG-" + i, "Backlog " + i)).toList());
        Backlog.release(REQUESTS);

        List<Reply> replies = replies(ids);

        for (int i = 0; i < REQUESTS; i++) {
            Reply reply = replies.get(i);
            assertEquals("SUCCEEDED", reply.outcome(), reply.body());
            JsonObject status = Requests.status(reply, 0);
            assertEquals("CREATED", status.getString("status"));
            assertEquals("BACKLOG-" + i, status.getJsonObject("externalKey").getString("value"), "its own status");
        }
        List<JsonObject> calls = Backlog.calls();
        assertTrue(calls.size() <= (Backend.rest() ? 5 : 12), calls.size() + " calls");
        assertEquals(REQUESTS, calls.stream().mapToInt(c -> c.getJsonArray("objects").size()).sum());
        assertEquals(1, Simulator.opportunities("BACKLOG-0").size());
        assertEquals(1, Simulator.opportunities("BACKLOG-999").size());
        JsonObject limits = Plugin.check("marketo-limits");
        assertTrue(Double.parseDouble(limits.getJsonObject("data").getString("objectsPerCall")) > 1, limits.toString());
    }
}
