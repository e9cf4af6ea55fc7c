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
        // The hold's last trial may have taken the oldest request alone just as it ended: the others
        // went together, and that call failed as a whole.
        List<JsonObject> calls = Backlog.calls();
        int failed = 0;
        while (!"20110".equals(calls.get(failed).getString("answer"))) {
            failed++;
        }
        int appliedBefore = calls.subList(0, failed).stream().mapToInt(c -> c.getJsonArray("objects").size()).sum();
        assertTrue(appliedBefore <= 1, "at most the trial's one object went before: " + calls);
        assertEquals(REQUESTS - appliedBefore, calls.get(failed).getJsonArray("objects").size(), "the coalesced call failed as a whole");
        assertEquals(REQUESTS - 1, Simulator.objectsApplied());
    }
}
