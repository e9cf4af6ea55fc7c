package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attributes become the instance's fields as Describe Opportunity (Role) gives them, names matched
 * whatever their case and values converted to the field's type; tag types are checked against Get
 * Tag Types. What the instance does not have fails its object alone, before any call. Describe and
 * the tag types are read once, not per request.
 */
class RestMetadataIT extends MktsyncIT {

    @BeforeEach
    void restOnly() {
        assumeTrue(Backend.rest(), "the REST backend's mapping");
    }

    private static String opportunity(String key, String attributes) {
        return """
                {"type":"Opportunity","externalKey":{"name":"externalOpportunityId","value":"%s"},"attributes":{%s}}"""
                .formatted(key, attributes);
    }

    private static List<String> statuses(Reply reply) {
        return Requests.statuses(reply).stream().map(s -> s.asJsonObject().getString("status")).toList();
    }

    @Test
    void attributesBecomeTypedFieldsAndWhatTheInstanceLacksFailsItsObjectAlone() throws Exception {
        Reply reply = request("{\"operation\":\"UPSERT\",\"objects\":[" + String.join(",",
                opportunity("OPP-M1", "\"Colour\":\"red\""),
                opportunity("OPP-M2", "\"Amount\":\"lots\""),
                opportunity("OPP-M3", "\"name\":\"Typed\",\"AMOUNT\":\"1200.50\",\"IsWon\":\"1\",\"Close Date\":\"2026-12-01\","
                        + "\"Probability\":\"80\",\"FiscalQuarter\":\"4\"")) + "]}");

        assertEquals(List.of("FAILED", "FAILED", "CREATED"), statuses(reply), reply.body());
        assertEquals("Opportunity attribute 'Colour' is not a field of this Marketo instance: Describe Opportunity "
                + "gives no field of that name or display name", Requests.status(reply, 0).getString("error"));
        assertEquals("Opportunity attribute 'Amount' is field 'amount' of type currency in this Marketo instance: "
                + "'lots' is not a value of that type", Requests.status(reply, 1).getString("error"));
        List<JsonObject> calls = Simulator.syncCalls();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(List.of("key:OPP-M3"), calls.get(0).getJsonArray("objects").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        JsonObject stored = Simulator.opportunities("OPP-M3").get(0).getJsonObject("attributes");
        assertEquals(Map.of("Name", "Typed", "Amount", "1200.50", "IsWon", "true", "CloseDate", "2026-12-01",
                "Probability", "80", "FiscalQuarter", "4"), plain(stored));
    }

    @Test
    void aRequestWhoseObjectsAllFailBeforeAnyCallMakesNone() throws Exception {
        Reply reply = request("{\"operation\":\"UPSERT\",\"objects\":[" + String.join(",",
                opportunity("OPP-N1", "\"Colour\":\"red\""), opportunity("OPP-N2", "\"CloseDate\":\"next week\"")) + "]}");

        assertEquals("FAILED", reply.outcome());
        assertTrue(Requests.status(reply, 1).getString("error").contains("'closeDate' of type date"), reply.body());
        assertEquals(List.of(), Simulator.calls(), "no sync call");
    }

    @Test
    void aRolesAttributesAreCheckedAgainstDescribeOpportunityRole() throws Exception {
        request("{\"operation\":\"UPSERT\",\"objects\":[" + opportunity("OPP-R1", "\"Name\":\"n\"") + "]}");
        Simulator.clearCalls();

        Reply reply = request("""
                {"operation":"INSERT","objects":[{"type":"OpportunityPersonRole",
                  "attributes":{"PersonId":"19","Role":"Buyer","IsPrimary":"perhaps"},
                  "associations":[{"type":"Opportunity","externalKey":{"name":"externalOpportunityId","value":"OPP-R1"}}]}]}""");

        assertEquals("OpportunityPersonRole attribute 'IsPrimary' is field 'isPrimary' of type boolean in this Marketo "
                + "instance: 'perhaps' is not a value of that type", Requests.status(reply, 0).getString("error"));
        assertEquals(List.of(), Simulator.calls());
    }

    @Test
    void describeAndTagTypesAreReadOnceNotPerRequest() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(client.send("{\"operation\":\"UPSERT\",\"objects\":[" + opportunity("OPP-C" + i, "\"Name\":\"n\"") + "]}",
                    Map.of()));
            ids.add(client.send(program("region", "EMEA " + i), Map.of()));
        }
        for (Reply reply : replies(ids)) {
            assertEquals("SUCCEEDED", reply.outcome(), reply.body());
        }

        List<String> reads = Simulator.metadataCalls().stream().map(c -> c.getString("operation")).toList();
        assertTrue(reads.stream().filter("describeOpportunity"::equals).count() <= 1, reads.toString());
        assertTrue(reads.stream().filter("getTagTypes"::equals).count() <= 1, reads.toString());
        assertEquals("EMEA 3", Simulator.program(1972).getJsonObject("tags").getString("Region"),
                "sent in the instance's spelling");
    }

    @Test
    void anUnknownTagTypeFailsItsProgramAloneBeforeAnyCall() throws Exception {
        Reply reply = request(program("Colour", "red"));

        assertEquals("FAILED", Requests.status(reply, 0).getString("status"));
        assertEquals("this Marketo instance has no tag type 'Colour' (Get Tag Types lists [Region, Program Owner, "
                + "Product, Région])", Requests.status(reply, 0).getString("error"));
        assertEquals(List.of(), Simulator.calls());
    }

    private static String program(String tagType, String value) {
        return """
                {"operation":"UPDATE","objects":[{"type":"Program","id":1972,
                  "typeAttributes":[{"type":"Tag","attributes":{"Type":"%s","Value":"%s"}}]}]}""".formatted(tagType, value);
    }

    private static Map<String, String> plain(JsonObject attributes) {
        Map<String, String> values = new java.util.HashMap<>();
        attributes.forEach((k, v) -> values.put(k, v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : v.toString()));
        return values;
    }
}
