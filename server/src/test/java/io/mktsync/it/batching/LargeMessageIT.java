package io.mktsync.it.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
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

    @Test
    void twoHundredFiftyObjectsMakeThreeCallsAndOneReplyInRequestOrder() throws Exception {
        Reply reply = request(upsertOf(250));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(250, reply.properties().get("mktsync_objects"));
        assertEquals(250, reply.properties().get("mktsync_created"));
        JsonArray statuses = Requests.statuses(reply);
        assertEquals(250, statuses.size());
        int previousId = 0;
        for (int i = 0; i < 250; i++) {
            JsonObject status = statuses.getJsonObject(i);
            assertEquals("BULK-" + i, status.getJsonObject("externalKey").getString("value"));
            assertEquals(true, status.getInt("id") > previousId, "ids assigned in request order");
            previousId = status.getInt("id");
        }
        List<Integer> callSizes = Simulator.calls().stream().map(c -> c.getJsonArray("types").size()).toList();
        assertEquals(List.of(100, 100, 50), callSizes);
    }

    /**
     * Calls slow enough that the third would not start in time (after 1 s in the tests, 60 s by
     * default): the message continues in a new delivery, which sends only what is left.
     */
    @Test
    void aMessageThatOutlastsOneDeliveryContinuesInTheNextWithoutResending() throws Exception {
        Simulator.faults("{\"latencyMs\":700}");

        Reply reply = request(upsertOf(250));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(250, reply.properties().get("mktsync_created"));
        assertEquals(List.of(100, 100, 50), Simulator.calls().stream().map(c -> c.getJsonArray("types").size()).toList(),
                "each call once");
        assertEquals(250, Simulator.opportunities(null).stream().filter(o -> o.getInt("id") > 1000).count());
    }
}
