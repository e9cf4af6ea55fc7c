package io.mktsync.it.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INSERT, UPDATE and UPSERT as Marketo applies them, seen through replies and the simulator's data. */
class SyncSemanticsIT extends MktsyncIT {

    private static JsonObject status(Reply reply) {
        return Requests.status(reply, 0);
    }

    @Test
    void upsertCreatesThenUpdatesTheSameObject() throws Exception {
        JsonObject created = status(request(opportunity("UPSERT", "OPP-1", "First")));
        JsonObject updated = status(request(opportunity("UPSERT", "OPP-1", "Second")));

        assertEquals("CREATED", created.getString("status"));
        assertEquals("UPDATED", updated.getString("status"));
        assertEquals(created.getInt("id"), updated.getInt("id"));
        assertEquals("OPP-1", updated.getJsonObject("externalKey").getString("value"));
        List<JsonObject> stored = Simulator.opportunities("OPP-1");
        assertEquals(1, stored.size());
        assertEquals("Second", stored.get(0).getJsonObject("attributes").getString("Name"));
    }

    @Test
    void insertOfAnExistingObjectIsSkipped() throws Exception {
        Reply reply = request("""
                {"operation":"INSERT","objects":[{"type":"Opportunity","id":5,"attributes":{"Name":"Changed"}}]}""");

        assertEquals("SKIPPED", status(reply).getString("status"));
        assertEquals(5, status(reply).getInt("id"));
        assertEquals("SUCCEEDED", reply.outcome(), "a skip is what INSERT asks for, not a failure");
        assertEquals(1, reply.properties().get("mktsync_skipped"));
        assertEquals("Seed opportunity 5", Simulator.opportunities(null).stream().filter(o -> o.getInt("id") == 5)
                .findFirst().orElseThrow().getJsonObject("attributes").getString("Name"));
    }

    @Test
    void marketoKeepsNoExternalKeyUniqueSoTwoInsertsByKeyMakeTwoObjects() throws Exception {
        request(opportunity("INSERT", "OPP-2", "First"));
        request(opportunity("INSERT", "OPP-2", "Second"));

        assertEquals(2, Simulator.opportunities("OPP-2").size(),
                "which is why mktsync never resends an INSERT it is unsure about without looking first");
    }

    @Test
    void updateOfAMissingObjectIsSkippedAndAnUnchangedOneSaysSo() throws Exception {
        assertEquals("SKIPPED", status(request(opportunity("UPDATE", "OPP-NEW", "x"))).getString("status"));
        assertEquals(0, Simulator.opportunities("OPP-NEW").size());

        request(opportunity("UPSERT", "OPP-3", "Same"));
        assertEquals("UNCHANGED", status(request(opportunity("UPDATE", "OPP-3", "Same"))).getString("status"));
    }

    @Test
    void objectErrorsFailOnlyTheirObject() throws Exception {
        Reply reply = request("""
                {"operation":"INSERT","objects":[
                  {"type":"Opportunity","attributes":{"Name":"fine"}},
                  {"type":"OpportunityPersonRole","attributes":{"OpportunityId":"999999","PersonId":"19"}}]}""");

        assertEquals("PARTIAL", reply.outcome());
        assertEquals(1, reply.properties().get("mktsync_created"));
        assertEquals(1, reply.properties().get("mktsync_failed"));
        JsonObject failed = Requests.status(reply, 1);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("Opportunity not found", failed.getString("error"));
    }
}
