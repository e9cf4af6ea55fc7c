package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Marketo's REST API cannot express is answered per object with the reason docs/rest-mapping.md documents,
 * and never sent: nothing is dropped, nothing guessed. The forms REST does take go through.
 */
class RestMappingGapsIT extends MktsyncIT {

    @BeforeEach
    void restOnly() {
        assumeTrue(Backend.rest(), "the REST backend's mapping");
    }

    static Stream<Arguments> gaps() {
        return Stream.of(
                Arguments.of("an Opportunity by its SOAP id only", """
                        {"operation":"UPDATE","objects":[{"type":"Opportunity","id":5,"attributes":{"Name":"x"}}]}""",
                        "Marketo's REST API cannot address an Opportunity by its SOAP id (5)"),
                Arguments.of("a program channel change", """
                        {"operation":"UPDATE","objects":[{"type":"Program","id":1970,
                          "typeAttributes":[{"type":"Tag","attributes":{"Type":"Channel","Value":"Webinar"}}]}]}""",
                        "Marketo's REST API cannot change a program's channel"),
                Arguments.of("a cost id", """
                        {"operation":"UPDATE","objects":[{"type":"Program","id":1970,
                          "typeAttributes":[{"type":"Cost","attributes":{"Month":"2026-11","Amount":"10","Id":"7"}}]}]}""",
                        "Marketo's REST API has no cost ids: an existing cost (Id 7) cannot be changed"),
                Arguments.of("a cost in cents", """
                        {"operation":"UPDATE","objects":[{"type":"Program","id":1970,
                          "typeAttributes":[{"type":"Cost","attributes":{"Month":"2026-11","Amount":"501.50"}}]}]}""",
                        "Marketo's REST API takes whole-number program costs: Amount '501.50' is not one"),
                Arguments.of("an Opportunity without external key", """
                        {"operation":"UPSERT","objects":[{"type":"Opportunity","attributes":{"Name":"x"}}]}""",
                        "Marketo's REST API creates an Opportunity only with its externalOpportunityId"),
                Arguments.of("a role's Opportunity by SOAP id", """
                        {"operation":"INSERT","objects":[{"type":"OpportunityPersonRole",
                          "attributes":{"OpportunityId":"64","PersonId":"19","Role":"Buyer"}}]}""",
                        "Marketo's REST API cannot address a role's Opportunity by its SOAP id (64)"),
                Arguments.of("a role without Role", """
                        {"operation":"INSERT","objects":[{"type":"OpportunityPersonRole","attributes":{"PersonId":"19"},
                          "associations":[{"type":"Opportunity","externalKey":{"name":"ext","value":"OPP-R"}}]}]}""",
                        "Marketo's REST API needs Role: it is part of an opportunity role's key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gaps")
    void answeredWithItsReasonAndNotSent(String gap, String body, String reason) throws Exception {
        Reply reply = request(body);

        assertEquals("FAILED", reply.outcome(), reply.body());
        JsonObject status = Requests.status(reply, 0);
        assertEquals("FAILED", status.getString("status"));
        assertTrue(status.getString("error").startsWith(reason), status.getString("error"));
        assertEquals(List.of(), Simulator.calls(), "nothing sent");
    }

    @Test
    void aGapFailsOnlyItsObjectAndTheOthersKeepTheirPlaces() throws Exception {
        Reply reply = request("""
                {"operation":"UPSERT","objects":[
                  {"type":"Opportunity","externalKey":{"name":"ext","value":"OPP-G1"},"attributes":{"Name":"one"}},
                  {"type":"Opportunity","id":7,"attributes":{"Name":"by id"}},
                  {"type":"Opportunity","externalKey":{"name":"ext","value":"OPP-G3"},"attributes":{"Name":"three"}}]}""");

        assertEquals("PARTIAL", reply.outcome());
        assertEquals(List.of("CREATED", "FAILED", "CREATED"),
                Requests.statuses(reply).stream().map(s -> s.asJsonObject().getString("status")).toList());
        assertEquals("OPP-G3", Requests.status(reply, 2).getJsonObject("externalKey").getString("value"));
        assertEquals(Simulator.opportunities("OPP-G3").get(0).getString("marketoGUID"),
                Requests.status(reply, 2).getString("marketoGUID"));
        assertEquals(1, Simulator.syncCalls().size(), "the two records REST takes in one call");
    }

    /** The three documentation examples in the form REST takes ({@code sender/examples/rest}): each goes through. */
    @Test
    void theFormsRestTakesGoThrough() throws Exception {
        Reply opportunity = request(example("rest/opportunity-insert.json"));
        Reply role = request(example("rest/opportunity-person-role-insert.json"));
        Reply program = request(example("rest/program-cost-update.json"));

        assertEquals("CREATED", Requests.status(opportunity, 0).getString("status"), opportunity.body());
        assertFalse(Requests.status(opportunity, 0).getString("marketoGUID").isBlank());
        assertEquals("CREATED", Requests.status(role, 0).getString("status"), role.body());
        JsonObject stored = Simulator.roles().get(0).getJsonObject("attributes");
        assertEquals("19", stored.getString("PersonId"));
        assertEquals("Influencer/Champion", stored.getString("Role"));
        assertEquals("true", stored.getString("IsPrimary"));
        assertEquals("UPDATED", Requests.status(program, 0).getString("status"), program.body());
        JsonObject costs = Simulator.program(1970).getJsonObject("costs");
        assertEquals(1, costs.size());
        JsonObject cost = costs.getJsonObject(costs.keySet().iterator().next());
        assertEquals("2013-06", cost.getString("month"));
        assertEquals("2000", cost.getString("amount"));
        assertEquals("EMEA", Simulator.program(1970).getJsonObject("tags").getString("Region"));
        assertEquals(List.of("syncOpportunities", "syncOpportunityRoles", "updateProgramTag", "updateProgram"),
                Simulator.syncCalls().stream().map(c -> c.getString("operation")).toList());
    }
}
