package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's REST side as a client other than the plugin meets it: Identity takes the client
 * credentials in the query (Adobe's form) or a form body; Describe and Get Tag Types answer in
 * Marketo's shapes; a sync record with a field the instance lacks is skipped with 1006, one with a
 * value of the wrong type with 1001; an unknown tag type is refused; bodies are read as UTF-8.
 */
class SimulatorRestIT extends MktsyncIT {

    private static final String BASE = "http://127.0.0.1:8080/simulator";
    private static final String CREDENTIALS = "grant_type=client_credentials&client_id=mktsync-sim-client"
            + "&client_secret=mktsync-sim-client-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonObject send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String token() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE + "/identity/oauth/token?" + CREDENTIALS)).GET().build())
                .getString("access_token");
    }

    private static JsonObject get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token()).GET().build());
    }

    private static JsonObject postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    @Test
    void identityTakesTheCredentialsInTheQueryOrInAFormBody() throws Exception {
        String byQuery = token();
        JsonObject byBody = send(HttpRequest.newBuilder(URI.create(BASE + "/identity/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CREDENTIALS)).build());
        JsonObject byPostQuery = send(HttpRequest.newBuilder(URI.create(BASE + "/identity/oauth/token?" + CREDENTIALS))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(byQuery, byBody.getString("access_token"), "the same token until it expires");
        assertEquals(byQuery, byPostQuery.getString("access_token"));
        assertEquals("bearer", byBody.getString("token_type"));
    }

    @Test
    void describeGivesTheFieldsWithTheirTypes() throws Exception {
        JsonObject opportunity = get("/rest/v1/opportunities/describe.json").getJsonArray("result").getJsonObject(0);
        JsonObject role = get("/rest/v1/opportunities/roles/describe.json").getJsonArray("result").getJsonObject(0);

        assertEquals("opportunity", opportunity.getString("name"));
        assertEquals("marketoGUID", opportunity.getString("idField"));
        assertEquals(List.of("externalOpportunityId"), strings(opportunity, "dedupeFields"));
        assertEquals("currency", field(opportunity, "amount").getString("dataType"));
        assertEquals("date", field(opportunity, "closeDate").getString("dataType"));
        assertEquals("boolean", field(opportunity, "isWon").getString("dataType"));
        assertFalse(field(opportunity, "externalOpportunityId").getBoolean("updateable"));
        assertEquals(List.of("externalOpportunityId", "leadId", "role"), strings(role, "dedupeFields"));
        assertEquals("boolean", field(role, "isPrimary").getString("dataType"));
        assertEquals(List.of("describeOpportunity", "describeOpportunityRole"),
                Simulator.metadataCalls().stream().map(c -> c.getString("operation")).toList());
        assertEquals(List.of(), Simulator.calls(), "metadata reads are not record calls");
    }

    @Test
    void syncSkipsAnUnknownFieldWith1006AndAWrongTypeWith1001() throws Exception {
        JsonObject answer = postJson("/rest/v1/opportunities.json", """
                {"action":"createOrUpdate","input":[
                  {"externalOpportunityId":"S-1","Name":"capital N is not a field"},
                  {"externalOpportunityId":"S-2","amount":"lots"},
                  {"externalOpportunityId":"S-3","name":"fine","amount":12.5}]}""");

        List<JsonObject> results = answer.getJsonArray("result").getValuesAs(JsonObject.class);
        assertEquals("1006", reason(results.get(0)).getString("code"));
        assertEquals("Field 'Name' not found", reason(results.get(0)).getString("message"));
        assertEquals("1001", reason(results.get(1)).getString("code"));
        assertEquals("created", results.get(2).getString("status"));
        assertEquals(List.of(), Simulator.opportunities("S-1"));
    }

    @Test
    void tagTypesAreListedAndAnUnknownOneIsRefused() throws Exception {
        List<String> types = get("/rest/asset/v1/tagTypes.json?maxReturn=200&offset=0").getJsonArray("result")
                .getValuesAs(JsonObject.class).stream().map(t -> t.getString("tagType")).toList();
        JsonObject refused = send(HttpRequest.newBuilder(URI.create(BASE + "/rest/asset/v1/program/1973/tag/Colour.json?tagValue=red"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(List.of("Region", "Program Owner", "Product", "Région"), types);
        assertFalse(refused.getBoolean("success"));
        assertEquals("702", refused.getJsonArray("errors").getJsonObject(0).getString("code"));
    }

    @Test
    void bodiesAreReadAsUtf8WhateverTheContentTypeSays() throws Exception {
        String text = "é 日本 \uD83D\uDE00 \u200F";
        postJson("/rest/v1/opportunities.json", Json.createObjectBuilder().add("action", "createOnly")
                .add("input", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("externalOpportunityId", "S-" + text).add("name", text))).build().toString());

        List<JsonObject> stored = Simulator.opportunities(URLEncoder.encode("S-" + text, StandardCharsets.UTF_8));
        assertEquals(1, stored.size());
        assertEquals(text, stored.get(0).getJsonObject("attributes").getString("Name"));
        assertTrue(Simulator.syncCalls().get(0).getString("answer").equals("OK"));
    }

    private static JsonObject field(JsonObject described, String name) {
        return described.getJsonArray("fields").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonObject o, String member) {
        return o.getJsonArray(member).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static JsonObject reason(JsonObject result) {
        assertEquals("skipped", result.getString("status"));
        return result.getJsonArray("reasons").getJsonObject(0);
    }
}
