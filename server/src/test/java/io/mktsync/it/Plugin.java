package io.mktsync.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What an operator sees of the plugin: its readiness checks, and its resume operation. */
public final class Plugin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The operations endpoint answers on HTTPS only (WEB-INF/web.xml). */
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Tls.sslContext()).build();

    private Plugin() {
    }

    /** The {@code marketo} check of {@code /health/ready}: status and data. */
    public static JsonObject readiness() {
        return check("marketo");
    }

    /** One readiness check by name: {@code marketo} or {@code marketo-limits}. */
    public static JsonObject check(String name) {
        return check(URI.create("http://127.0.0.1:9990/health/ready"), name);
    }

    /** One check of a server's readiness endpoint: this one's, or another node's. */
    public static JsonObject check(URI readiness, String name) {
        String body = send(HttpRequest.newBuilder(readiness).GET().build()).body();
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("checks").stream()
                .map(v -> v.asJsonObject())
                .filter(c -> name.equals(c.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " readiness check in " + body));
    }

    public static boolean ready() {
        return "UP".equals(readiness().getString("status"));
    }

    public static String readinessReason() {
        JsonObject data = readiness().getJsonObject("data");
        return data.containsKey("reason") ? data.getString("reason") : "";
    }

    /**
     * Closes the circuit breaker and forgets credential refusals, so each test starts clean. Returns
     * the answer, which names what was ended: {@code {"resumed":[...]}}.
     */
    public static JsonObject resume() {
        return resume(URI.create("https://127.0.0.1:8443"));
    }

    /** The resume operation on the server at {@code base} (another node's HTTPS port). */
    public static JsonObject resume(URI base) {
        String auth = Base64.getEncoder().encodeToString(
                (Jms.OPERATOR + ":" + Jms.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HTTPS, HttpRequest.newBuilder(base.resolve("/mktsync/api/resume"))
                .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("resume -> " + response.statusCode());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return send(HTTP, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
