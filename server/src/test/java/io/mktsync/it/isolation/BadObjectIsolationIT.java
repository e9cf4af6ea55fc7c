package io.mktsync.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backlog;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Marketo refuses a whole call for one unknown attribute name (a fault, not a per-object status).
 * When that call was coalesced from many requests, the plugin splits it until the request at fault
 * fails alone, with Marketo's words; the others are applied once each.
 */
class BadObjectIsolationIT extends MktsyncIT {

    private static final int REQUESTS = 20;
    private static final int BAD = 7;

    @Test
    void oneBadObjectInACoalescedCallFailsAlone() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            bodies.add(i == BAD
                    ? """
                      {"operation":"INSERT","objects":[{"type":"Opportunity",
                        "externalKey":{"name":"extOpportunityId","value":"ISO-%d"},"attributes":{"Colour":"red"}}]}"""
                    .formatted(i)
                    : Requests.opportunity("INSERT", "ISO-" + i, "Isolated " + i));
        }

        Backlog.hold();
        List<String> ids = client.sendAll(bodies);
        Backlog.release(REQUESTS);
        List<Reply> replies = replies(ids);

        for (int i = 0; i < REQUESTS; i++) {
            Reply reply = replies.get(i);
            if (i == BAD) {
                assertEquals("FAILED", reply.outcome(), reply.body());
                String error = Requests.status(reply, 0).getString("error");
                assertTrue(error.contains("20110") && error.contains("Colour"), error);
                assertEquals(0, Simulator.opportunities("ISO-" + i).size());
            } else {
                assertEquals("SUCCEEDED", reply.outcome(), reply.body());
                assertEquals(1, Simulator.opportunities("ISO-" + i).size(), "applied once: ISO-" + i);
            }
        }
        List<JsonObject> calls = Backlog.calls();
        assertEquals("20110", calls.get(0).getString("answer"));
        assertEquals(REQUESTS, calls.get(0).getJsonArray("objects").size(), "the coalesced call failed as a whole");
        assertEquals(REQUESTS - 1, Simulator.objectsApplied());
    }
}
