package io.mktsync.it.largemessages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A message of more objects than Marketo takes in one call: split, applied in order, merged. */
class LargeMessageIT extends MktsyncIT {

    private static String upsertOf(int count) {
        JsonArrayBuilder objects = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            objects.add(Json.createObjectBuilder().add("type", "Opportunity")
                    .add("externalKey", Json.createObjectBuilder().add("name", "extOpportunityId").add("value", "BULK-" + i))
                    .add("attributes", Json.createObjectBuilder().add("Name", "Bulk " + i)));
        }
        return Json.createObjectBuilder().add("operation", "UPSERT").add("objects", objects).build().toString();
    }

    /** The sizes of the calls that carry {@code count} objects: full calls, then the rest. */
    private static List<Integer> callSizes(int count) {
        int max = Backend.current().maxObjectsPerCall();
        List<Integer> sizes = new ArrayList<>();
        for (int left = count; left > 0; left -= max) {
            sizes.add(Math.min(left, max));
        }
        return sizes;
    }

    /** 100 objects per syncMObjects call: three calls; 300 per Sync Opportunities call: one. */
    @Test
    void twoHundredFiftyObjectsMakeAsManyCallsAsNeededAndOneReplyInRequestOrder() throws Exception {
        Reply reply = request(upsertOf(250));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(250, reply.properties().get("mktsync_objects"));
        assertEquals(250, reply.properties().get("mktsync_created"));
        JsonArray statuses = Requests.statuses(reply);
        assertEquals(250, statuses.size());
        Set<String> identities = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            JsonObject status = statuses.getJsonObject(i);
            assertEquals("BULK-" + i, status.getJsonObject("externalKey").getString("value"));
            assertEquals(Backend.identity(Simulator.opportunities("BULK-" + i).get(0)), Backend.identity(status),
                    "each status is its own object's");
            identities.add(Backend.identity(status));
        }
        assertEquals(250, identities.size());
        assertEquals(callSizes(250), Simulator.calls().stream().map(c -> c.getJsonArray("types").size()).toList());
    }

    /**
     * Slow calls: the message's calls go one after the other, however long that takes (no broker
     * transaction is open meanwhile), each once.
     */
    @Test
    void aMessageOfSlowCallsIsSentOnceInOrder() throws Exception {
        int count = Backend.current().maxObjectsPerCall() + 150;
        Simulator.faults("{\"latencyMs\":1200}");

        Reply reply = request(upsertOf(count));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(count, reply.properties().get("mktsync_created"));
        assertEquals(callSizes(count), Simulator.calls().stream().map(c -> c.getJsonArray("types").size()).toList(),
                "each call once");
        assertEquals(count, Simulator.opportunities(null).stream().filter(o -> o.getInt("id") > 1000).count());
    }
}
