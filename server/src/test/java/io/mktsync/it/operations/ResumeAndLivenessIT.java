package io.mktsync.it.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resume operation says what it ended; the liveness check {@code mktsync} says the plugin runs. */
class ResumeAndLivenessIT extends MktsyncIT {

    @Test
    void resumeNamesTheHoldItEnded() throws Exception {
        Simulator.credentialsThePluginDoesNotHave();
        String id = client.send(opportunity("UPSERT", "OPP-RESUME-1", "Held"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        Simulator.reset();

        assertEquals(List.of("CREDENTIALS hold"), resumed(Plugin.resume()));
        assertEquals("SUCCEEDED", client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        assertEquals(List.of(), resumed(Plugin.resume()), "nothing held the calls any more");
    }

    @Test
    void resumeNamesTheCircuitBreakerItClosed() throws Exception {
        Simulator.down(true);
        String id = client.send(opportunity("UPSERT", "OPP-RESUME-2", "Waits"), Map.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "OPEN".equals(Plugin.readiness().getJsonObject("data").getString("circuitBreaker")));
        Simulator.down(false);

        List<String> resumed = resumed(Plugin.resume());
        // The breaker half-opens on its own after its delay (3 s in the tests): either is ended.
        assertEquals(1, resumed.size(), resumed.toString());
        assertTrue(resumed.get(0).startsWith("circuit breaker "), resumed.toString());
        assertEquals("SUCCEEDED", client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
    }

    @Test
    void livenessCheckSaysThePluginStartedAndItsAttemptLogAnswers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/health/live")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject live = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", live.getString("status"), response.body());
        JsonObject check = live.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> "mktsync".equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no mktsync liveness check in " + response.body()));
        assertEquals("UP", check.getString("status"));
        assertEquals("UP", check.getJsonObject("data").getString("attemptLog"));
        assertTrue(Instant.parse(check.getJsonObject("data").getString("startedAt")).isBefore(Instant.now()));
    }

    private static List<String> resumed(JsonObject answer) {
        return answer.getJsonArray("resumed").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
