package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text beyond ASCII (accents, CJK, an emoji outside the BMP, a right-to-left mark) reaches Marketo
 * exactly through REST, in a JSON body, a form body, a query parameter and a path segment: keys are
 * found under their exact value and stored text reads back as it was sent.
 */
class RestTextIT extends MktsyncIT {

    private static final String TEXT = "é 日本 \uD83D\uDE00 \u200F";
    private static final String KEY = "OPP-é日本\uD83D\uDE00\u200F";

    private static String opportunity(String operation, String name) {
        return Json.createObjectBuilder().add("operation", operation).add("objects", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "Opportunity")
                        .add("externalKey", Json.createObjectBuilder().add("name", "externalOpportunityId").add("value", KEY))
                        .add("attributes", Json.createObjectBuilder().add("Name", name).add("Description", TEXT))))
                .build().toString();
    }

    private static List<JsonObject> stored() {
        return Simulator.opportunities(URLEncoder.encode(KEY, StandardCharsets.UTF_8));
    }

    @Test
    void anOpportunityKeyAndItsTextArriveExactlyAndAnUpdateFindsItByThatKey() throws Exception {
        Reply created = request(opportunity("INSERT", "Créé " + TEXT));

        assertEquals("CREATED", Requests.status(created, 0).getString("status"), created.body());
        assertEquals(KEY, Requests.status(created, 0).getJsonObject("externalKey").getString("value"));
        assertEquals(1, stored().size(), "found under its exact key");
        JsonObject attributes = stored().get(0).getJsonObject("attributes");
        assertEquals("Créé " + TEXT, attributes.getString("Name"));
        assertEquals(TEXT, attributes.getString("Description"));

        Reply updated = request(opportunity("UPDATE", "Mis à jour " + TEXT));

        assertEquals("UPDATED", Requests.status(updated, 0).getString("status"), updated.body());
        assertEquals(1, stored().size());
        assertEquals("Mis à jour " + TEXT, stored().get(0).getJsonObject("attributes").getString("Name"));
    }

    @Test
    void aProgramCostNoteAndTagValuesArriveExactly() throws Exception {
        String request = Json.createObjectBuilder().add("operation", "UPDATE").add("objects", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "Program").add("id", 1971).add("typeAttributes", Json.createArrayBuilder()
                        .add(typeAttribute("Tag", "Type", "Region", "Value", "Région " + TEXT))
                        .add(typeAttribute("Tag", "Type", "Région", "Value", TEXT))
                        .add(typeAttribute("Cost", "Month", "2026-11", "Amount", "10", "Note", "Coût " + TEXT)))))
                .build().toString();

        Reply reply = request(request);

        assertEquals("UPDATED", Requests.status(reply, 0).getString("status"), reply.body());
        JsonObject program = Simulator.program(1971);
        assertEquals("Région " + TEXT, program.getJsonObject("tags").getString("Region"));
        assertEquals(TEXT, program.getJsonObject("tags").getString("Région"), "a tag type in the path");
        JsonObject costs = program.getJsonObject("costs");
        assertEquals("Coût " + TEXT, costs.getJsonObject(costs.keySet().iterator().next()).getString("note"));
    }

    private static JsonObject typeAttribute(String type, String... namesAndValues) {
        var attributes = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Json.createObjectBuilder().add("type", type).add("attributes", attributes).build();
    }
}
