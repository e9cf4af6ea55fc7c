package io.mktsync.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

/** The Marketo simulator's control API, as the tests drive it. */
public final class Simulator {

    private static final String BASE = "http://127.0.0.1:8080/simulator/control/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> SYNC_OPERATIONS = Set.of("paramsSyncMObjects",
            "syncOpportunities", "syncOpportunityRoles", "updateProgram", "updateProgramTag");
    /** REST's reads of the instance's metadata, which the plugin caches: made once per deployment, not per request. */
    private static final Set<String> METADATA_OPERATIONS = Set.of("describeOpportunity", "describeOpportunityRole",
            "getTagTypes");

    private Simulator() {
    }

    public static void reset() {
        call("POST", "reset", null);
    }

    /** A {@code FaultPlan} as JSON, e.g. {@code {"failures":[{"code":20011,"times":2}]}}. */
    public static void faults(String planJson) {
        call("PUT", "faults", planJson);
    }

    /** The next call is applied, but answered only after {@code ms}: a lost answer, for the caller. */
    public static void slowAnswerOnce(long ms) {
        faults("{\"failures\":[{\"delayMs\":" + ms + ",\"times\":1}]}");
    }

    public static void down(boolean down) {
        faults("{\"down\":" + down + "}");
    }

    public static void credentials(String userId, String encryptionKey) {
        call("PUT", "credentials", Json.createObjectBuilder().add("userId", userId)
                .add("encryptionKey", encryptionKey).build().toString());
    }

    /** The REST API's client credentials, which the plugin's must match. */
    public static void clientCredentials(String clientId, String clientSecret) {
        call("PUT", "credentials", Json.createObjectBuilder().add("clientId", clientId)
                .add("clientSecret", clientSecret).build().toString());
    }

    /** The credentials the plugin was not given: Marketo refuses them, whichever API the plugin calls. */
    public static void credentialsThePluginDoesNotHave() {
        if (Backend.rest()) {
            clientCredentials("mktsync-sim-client", "a-secret-the-plugin-does-not-have");
        } else {
            credentials("mktsync_sim_0123456789ABCDEF", "a-key-the-plugin-does-not-have");
        }
    }

    /**
     * The current REST access token expires in {@code seconds}, sooner than the plugin was told;
     * tokens issued after it live Marketo's hour.
     */
    public static void expireTokenIn(long seconds) {
        call("PUT", "credentials", "{\"tokenLifetimeSeconds\":" + seconds + "}");
        call("PUT", "credentials", "{\"tokenLifetimeSeconds\":3600}");
    }

    /** How many REST access tokens Identity has issued since the last reset. */
    public static int tokensIssued() {
        return Json.createReader(new StringReader(call("GET", "tokens", null))).readObject().getInt("issued");
    }

    /**
     * Every API call received since the last reset, Identity's token requests and REST's metadata
     * reads aside: operation, syncOperation, types, answer.
     */
    public static List<JsonObject> calls() {
        // A call cut off before its operation could be read (its caller killed) has none: it counts.
        return array(call("GET", "calls", null)).stream()
                .filter(c -> !"identity".equals(c.getString("operation", ""))
                        && !METADATA_OPERATIONS.contains(c.getString("operation", ""))).toList();
    }

    /** REST's reads of the instance's metadata (Describe, Get Tag Types), with their answers. */
    public static List<JsonObject> metadataCalls() {
        return array(call("GET", "calls", null)).stream()
                .filter(c -> METADATA_OPERATIONS.contains(c.getString("operation", ""))).toList();
    }

    /** Forgets the calls received so far. */
    public static void clearCalls() {
        call("DELETE", "calls", null);
    }

    /** Identity's token requests, with their answers. */
    public static List<JsonObject> identityCalls() {
        return array(call("GET", "calls", null)).stream()
                .filter(c -> "identity".equals(c.getString("operation", null))).toList();
    }

    /** The calls that write MObjects (syncMObjects, or REST's sync and program updates), in the order answered. */
    public static List<JsonObject> syncCalls() {
        return calls().stream().filter(c -> SYNC_OPERATIONS.contains(c.getString("operation", ""))).toList();
    }

    /** How many objects the syncMObjects calls answered OK carried: each applied request's share. */
    public static int objectsApplied() {
        return syncCalls().stream().filter(c -> c.getString("answer").equals("OK"))
                .mapToInt(c -> c.getJsonArray("objects").size()).sum();
    }

    /** The spans exported to the simulator's OTLP collector stand-in in this trace (lowercase hex id). */
    public static List<JsonObject> spans(String traceId) {
        return array(call("GET", "spans?traceId=" + traceId, null));
    }

    public static List<JsonObject> opportunities(String externalKey) {
        return array(call("GET", "opportunities" + (externalKey == null ? "" : "?externalKey=" + externalKey), null));
    }

    public static List<JsonObject> roles() {
        return array(call("GET", "roles", null));
    }

    public static JsonObject program(int id) {
        return Json.createReader(new StringReader(call("GET", "programs/" + id, null))).readObject();
    }

    private static List<JsonObject> array(String json) {
        JsonArray array = Json.createReader(new StringReader(json)).readArray();
        return array.stream().map(JsonValue::asJsonObject).toList();
    }

    private static String call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
