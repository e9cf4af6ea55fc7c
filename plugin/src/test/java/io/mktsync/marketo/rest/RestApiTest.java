package io.mktsync.marketo.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoExchanges;
import io.mktsync.metrics.MarketoCallMetrics;
import io.mktsync.tracing.RequestTraces;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire: the Identity request's form, charsets, and no secret in an error. */
class RestApiTest {

    private static final String SECRET = "s3cr&t/with spaces+";
    private static final String TEXT = "é 日本 \uD83D\uDE00 \u200F";

    /** One request as the fake instance received it. */
    private record Received(String method, String path, String query, String contentType, byte[] body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private int identityStatus = 200;
    private String identityBody = "{\"access_token\":\"tok:sim\",\"token_type\":\"bearer\",\"expires_in\":3600}";

    private RestApi api(String identityForm) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        RestSettings settings = new RestSettings();
        settings.baseUrl = Optional.of("http://127.0.0.1:" + server.getAddress().getPort());
        settings.clientId = Optional.of("client-1");
        settings.clientSecret = Optional.of(SECRET);
        settings.identityForm = identityForm;
        settings.connectTimeoutMs = 2000;
        settings.receiveTimeoutMs = 2000;
        settings.tokenRenewMarginS = 60;
        return new RestApi(settings, new MarketoExchanges(new MarketoCallMetrics(registry),
                new RequestTraces(OpenTelemetry.noop().getTracer("test"))));
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestBody().readAllBytes()));
        boolean identity = exchange.getRequestURI().getPath().startsWith("/identity");
        byte[] body = (identity ? identityBody : "{\"requestId\":\"r#1\",\"success\":true,\"result\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(identity ? identityStatus : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void identityIsAskedAsAdobeDocumentsItByDefault() throws Exception {
        api("query").get("/rest/v1/opportunities/describe.json", Map.of());

        Received identity = received.get(0);
        assertEquals("GET", identity.method());
        assertEquals("/identity/oauth/token", identity.path());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-1", "client_secret", SECRET),
                decode(identity.query()));
        assertEquals(0, identity.body().length);
        assertEquals("/rest/v1/opportunities/describe.json", received.get(1).path());
        assertNull(received.get(1).query(), "no empty query");
    }

    @Test
    void identityCanBeAskedWithAFormBody() throws Exception {
        api("BODY").get("/rest/v1/opportunities/describe.json", Map.of());

        Received identity = received.get(0);
        assertEquals("POST", identity.method());
        assertNull(identity.query());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-1", "client_secret", SECRET),
                decode(new String(identity.body(), StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownIdentityFormIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> api("header"));
        assertEquals("mktsync.marketo.rest.identity-form is 'header'; it must be query or body", e.getMessage());
    }

    @Test
    void noErrorCarriesTheSecretEvenWhenAnErrorPageQuotesTheUrl() throws Exception {
        RestApi api = api("query");
        identityStatus = 502;
        identityBody = "Bad gateway for /identity/oauth/token?client_secret="
                + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + " (" + SECRET + ")";

        MarketoException e = assertThrows(MarketoException.class, () -> api.get("/rest/v1/x.json", Map.of()));
        assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
        identityStatus = 401;
        identityBody = "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials " + SECRET + "\"}";
        e = assertThrows(MarketoException.class, () -> api.get("/rest/v1/x.json", Map.of()));
        assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
    }

    @Test
    void everyCallIsCountedByOperationAndResultWithTheObjectsItCarried() throws Exception {
        RestApi api = api("query");

        api.post("/rest/v1/opportunities.json", new RestApi.JsonBody(Json.createObjectBuilder()
                .add("input", Json.createArrayBuilder().add(Json.createObjectBuilder()).add(Json.createObjectBuilder())).build()));
        api.post("/rest/asset/v1/program/1970.json", new RestApi.FormBody(Map.of("costs", "[]")));
        identityStatus = 401;
        identityBody = "{\"error\":\"invalid_client\"}";
        api.get("/rest/v1/opportunities/describe.json", Map.of());

        assertEquals(1.0, calls("identity", "ok"));
        assertEquals(1.0, calls("syncOpportunities", "ok"));
        assertEquals(1.0, calls("updateProgram", "ok"));
        assertEquals(1.0, calls("describeOpportunity", "ok"), "the token is still good: no second identity call");
        var objects = registry.get("mktsync.marketo.call.objects").tag("operation", "syncOpportunities").summary();
        assertEquals(1, objects.count());
        assertEquals(2.0, objects.totalAmount());
        assertEquals(1, registry.get("mktsync.marketo.call.objects").tag("operation", "updateProgram").summary().count());
        assertEquals(0, registry.find("mktsync.marketo.call.objects").tag("operation", "describeOpportunity").meters().size(),
                "a read carries no objects");
    }

    private double calls(String operation, String result) {
        return registry.get("mktsync.marketo.calls").tag("api", "rest").tag("operation", operation).tag("result", result).counter().count();
    }

    @Test
    void textTravelsAsUtf8AndSaysSo() throws Exception {
        RestApi api = api("query");

        api.post("/rest/v1/opportunities.json", new RestApi.JsonBody(Json.createObjectBuilder().add("name", TEXT).build()));
        api.post("/rest/asset/v1/program/1970/tag/" + RestApi.segment("Région " + TEXT) + ".json?"
                + RestApi.form(Map.of("tagValue", TEXT)), new RestApi.FormBody(Map.of("costs", TEXT)));

        Received json = received.get(1);
        assertEquals("application/json; charset=UTF-8", json.contentType());
        assertEquals("{\"name\":\"" + TEXT + "\"}", new String(json.body(), StandardCharsets.UTF_8));
        Received form = received.get(2);
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", form.contentType());
        assertEquals(Map.of("costs", TEXT), decode(new String(form.body(), StandardCharsets.UTF_8)));
        assertEquals("/rest/asset/v1/program/1970/tag/Région " + TEXT + ".json", form.path());
        assertEquals(Map.of("tagValue", TEXT), decode(form.query()));
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
