package io.mktsync.it.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INSERT, UPDATE and UPSERT as Marketo applies them, seen through replies and the simulator's data.
 * Where SOAP and REST differ (REST keeps external keys unique, never says UNCHANGED, and knows
 * Opportunities by key or marketoGUID only), each test says what each API does.
 */
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
        assertEquals(Backend.identity(created), Backend.identity(updated));
        assertEquals("OPP-1", updated.getJsonObject("externalKey").getString("value"));
        List<JsonObject> stored = Simulator.opportunities("OPP-1");
        assertEquals(1, stored.size());
        assertEquals("Second", stored.get(0).getJsonObject("attributes").getString("Name"));
        if (Backend.rest()) {
            assertEquals(stored.get(0).getString("marketoGUID"), updated.getString("marketoGUID"));
        }
    }

    /** SOAP addresses the seeded Opportunity 5 by id; REST, which cannot, one created by its key. */
    @Test
    void insertOfAnExistingObjectIsSkipped() throws Exception {
        String name = Backend.rest() ? "OPP-EXISTS" : "Seed opportunity 5";
        if (Backend.rest()) {
            request(opportunity("UPSERT", "OPP-EXISTS", name));
        }
        Reply reply = request(Backend.rest() ? opportunity("INSERT", "OPP-EXISTS", "Changed") : """
                {"operation":"INSERT","objects":[{"type":"Opportunity","id":5,"attributes":{"Name":"Changed"}}]}""");

        assertEquals("SKIPPED", status(reply).getString("status"));
        if (Backend.rest()) {
            assertEquals("1017 - Object already exists", status(reply).getString("error"));
        } else {
            assertEquals(5, status(reply).getInt("id"));
        }
        assertEquals("SUCCEEDED", reply.outcome(), "a skip is what INSERT asks for, not a failure");
        assertEquals(1, reply.properties().get("mktsync_skipped"));
        JsonObject stored = Backend.rest() ? Simulator.opportunities("OPP-EXISTS").get(0)
                : Simulator.opportunities(null).stream().filter(o -> o.getInt("id") == 5).findFirst().orElseThrow();
        assertEquals(name, stored.getJsonObject("attributes").getString("Name"));
    }

    @Test
    void twoInsertsByOneExternalKeyMakeTwoObjectsInSoapAndOneInRest() throws Exception {
        request(opportunity("INSERT", "OPP-2", "First"));
        Reply second = request(opportunity("INSERT", "OPP-2", "Second"));

        // SOAP keeps no external key unique, which is why mktsync never resends an INSERT it is unsure
        // about without looking first; REST's externalOpportunityId is the record's key.
        assertEquals(Backend.rest() ? 1 : 2, Simulator.opportunities("OPP-2").size());
        assertEquals(Backend.rest() ? "SKIPPED" : "CREATED", status(second).getString("status"));
    }

    @Test
    void updateOfAMissingObjectIsSkippedAndAnUnchangedOneSaysSoInSoap() throws Exception {
        JsonObject missing = status(request(opportunity("UPDATE", "OPP-NEW", "x")));
        assertEquals("SKIPPED", missing.getString("status"));
        assertEquals(0, Simulator.opportunities("OPP-NEW").size());
        if (Backend.rest()) {
            assertEquals("1013 - Object not found", missing.getString("error"));
        }

        request(opportunity("UPSERT", "OPP-3", "Same"));
        assertEquals(Backend.rest() ? "UPDATED" : "UNCHANGED",
                status(request(opportunity("UPDATE", "OPP-3", "Same"))).getString("status"),
                "REST reports no UNCHANGED");
    }

    @Test
    void objectErrorsFailOnlyTheirObject() throws Exception {
        Reply reply = request("""
                {"operation":"INSERT","objects":[
                  {"type":"Opportunity","externalKey":{"name":"extOpportunityId","value":"OPP-FINE"},"attributes":{"Name":"fine"}},
                  {"type":"OpportunityPersonRole","attributes":{"PersonId":"19","Role":"Buyer"},
                   "associations":[{"type":"Opportunity","externalKey":{"name":"extOpportunityId","value":"OPP-NONE"}}]}]}""");

        assertEquals("PARTIAL", reply.outcome());
        assertEquals(1, reply.properties().get("mktsync_created"));
        assertEquals(1, reply.properties().get("mktsync_failed"));
        JsonObject failed = Requests.status(reply, 1);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").equals(Backend.rest()
                ? "1003 - Invalid data: opportunity OPP-NONE not found" : "Opportunity not found"), failed.toString());
    }
}
