package io.mktsync.it.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Marketo's three syncMObjects documentation examples, sent as they are (XML, one inside its SOAP
 * envelope with Marketo's demo AuthenticationHeader) and in the JSON form: each reaches the
 * simulator as one signed call and comes back as one status in the request's format.
 *
 * <p>Marketo's REST API can express none of the three as written (a cost id, an Opportunity without
 * its externalOpportunityId, a role's Opportunity by SOAP id): with the REST backend each is answered
 * in the request's format with its documented reason, and nothing is sent. {@code RestMappingGapsIT}
 * shows the forms REST takes.
 */
class DocumentationExamplesIT extends MktsyncIT {

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void programCostUpdate(String format) throws Exception {
        Reply reply = request(example("program-cost-update." + format));
        if (Backend.rest()) {
            assertAnsweredWithReason(reply, "Marketo's REST API has no cost ids: an existing cost (Id 153) cannot be changed");
            return;
        }

        assertSucceeded(reply, "updated");
        if (format.equals("xml")) {
            assertTrue(reply.body().contains("<ns1:successSyncMObjects"), reply.body());
            assertTrue(reply.body().contains("<mObjStatus><id>1970</id><status>UPDATED</status></mObjStatus>"), reply.body());
        } else {
            assertEquals("{\"outcome\":\"SUCCEEDED\",\"statuses\":[{\"status\":\"UPDATED\",\"id\":1970,"
                    + "\"externalKey\":null,\"error\":null}]}", reply.body());
        }
        assertOneCall("UPDATE", "Program");
        JsonObject cost = Simulator.program(1970).getJsonObject("costs").getJsonObject("153");
        assertEquals("2013-06", cost.getString("month"));
        assertEquals("2000", cost.getString("amount"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void opportunityInsert(String format) throws Exception {
        Reply reply = request(example("opportunity-insert." + format));
        if (Backend.rest()) {
            assertAnsweredWithReason(reply, "Marketo's REST API creates an Opportunity only with its externalOpportunityId");
            return;
        }

        assertSucceeded(reply, "created");
        assertTrue(reply.body().contains("CREATED"), reply.body());
        assertOneCall("INSERT", "Opportunity");
        JsonObject created = Simulator.opportunities(null).stream()
                .filter(o -> o.getInt("id") > 1000).findFirst().orElseThrow();
        JsonObject attributes = created.getJsonObject("attributes");
        assertEquals("Q1 2014", attributes.getString("Name"));
        assertEquals("2000", attributes.getString("Amount"));
        assertEquals("80%", attributes.getString("Probability"));
        assertTrue(reply.body().contains(String.valueOf(created.getInt("id"))), "reply carries Marketo's new id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void opportunityPersonRoleInsert(String format) throws Exception {
        Reply reply = request(example("opportunity-person-role-insert." + format));
        if (Backend.rest()) {
            assertAnsweredWithReason(reply, "Marketo's REST API cannot address a role's Opportunity by its SOAP id (64)");
            return;
        }

        assertSucceeded(reply, "created");
        assertOneCall("INSERT", "OpportunityPersonRole");
        JsonObject role = Simulator.roles().get(0).getJsonObject("attributes");
        assertEquals("64", role.getString("OpportunityId"));
        assertEquals("19", role.getString("PersonId"));
        assertEquals("Influencer/Champion", role.getString("Role"));
    }

    private static void assertSucceeded(Reply reply, String countedAs) {
        assertEquals("SUCCEEDED", reply.outcome(), reply.body());
        assertEquals(1, reply.properties().get("mktsync_objects"));
        assertEquals(1, reply.properties().get("mktsync_" + countedAs));
        assertEquals(0, reply.properties().get("mktsync_failed"));
    }

    private static void assertAnsweredWithReason(Reply reply, String reason) {
        assertEquals("FAILED", reply.outcome(), reply.body());
        assertEquals(1, reply.properties().get("mktsync_failed"));
        assertTrue(reply.body().contains(reason), reply.body());
        assertEquals(List.of(), Simulator.calls(), "nothing guessed, nothing sent");
    }

    private static void assertOneCall(String operation, String type) {
        List<JsonObject> calls = Simulator.calls();
        assertEquals(1, calls.size(), calls.toString());
        JsonObject call = calls.get(0);
        assertEquals("paramsSyncMObjects", call.getString("operation"));
        assertEquals(operation, call.getString("syncOperation"));
        assertEquals(List.of(type), call.getJsonArray("types").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals("OK", call.getString("answer"), "the signature was accepted");
    }
}
