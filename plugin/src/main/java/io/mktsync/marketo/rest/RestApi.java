package io.mktsync.marketo.rest;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoUnavailableException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calls to one Marketo instance's REST API: the bearer token in the {@code Authorization} header
 * only (never the deprecated {@code access_token} parameter), Marketo's envelope read whatever the
 * HTTP status says, and a call whose token Marketo refuses (601, 602) sent once more with a new one.
 */
final class RestApi {

    /** Lead Database writes are JSON; Asset writes are forms whose complex values are JSON text. */
    sealed interface Body {
    }

    record JsonBody(JsonObject json) implements Body {
    }

    record FormBody(Map<String, String> fields) implements Body {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String clientId;
    private final Duration receiveTimeout;
    private final AccessTokens tokens;

    RestApi(RestSettings settings) {
        this.baseUrl = settings.baseUrl().orElseThrow();
        this.clientId = settings.clientId();
        this.receiveTimeout = Duration.ofMillis(settings.receiveTimeoutMs());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.connectTimeoutMs())).build();
        String secret = settings.clientSecret();
        this.tokens = new AccessTokens(() -> identity(secret), Clock.systemUTC(), settings.tokenRenewMarginS());
    }

    /** A POST; returns Marketo's envelope when {@code success} is true, throws its error otherwise. */
    JsonObject post(String path, Body body) {
        return call(token -> post(path, body, token));
    }

    /** A GET with query parameters; as {@link #post}. */
    JsonObject get(String path, Map<String, String> query) {
        return call(token -> request(path + "?" + form(query), token).GET().build());
    }

    private JsonObject call(Function<String, HttpRequest> withToken) {
        String token = tokens.token(clientId);
        JsonObject envelope = send(withToken.apply(token));
        String code = errorCode(envelope);
        if (code != null && RestErrors.TOKEN.contains(code)) {
            tokens.refused(clientId, token);
            envelope = send(withToken.apply(tokens.token(clientId)));
            code = errorCode(envelope);
        }
        if (code != null) {
            throw RestErrors.classify(code, errorMessage(envelope));
        }
        return envelope;
    }

    private HttpRequest post(String path, Body body, String token) {
        HttpRequest.Builder request = request(path, token);
        if (body instanceof FormBody f) {
            return request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(f.fields()))).build();
        }
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(((JsonBody) body).json().toString())).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(receiveTimeout)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
    }

    /**
     * The client credentials grant. The secret travels in the form body, not in the URL, so that no
     * access log records it.
     */
    private AccessTokens.Grant identity(String secret) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/identity/oauth/token"))
                .timeout(receiveTimeout).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                        "client_id", clientId, "client_secret", secret)))).build();
        HttpResponse<String> response = exchange(request);
        JsonObject answer = parse(response.body());
        if (response.statusCode() == 401 || (answer != null && answer.containsKey("error"))) {
            String why = answer == null ? "HTTP " + response.statusCode()
                    : answer.getString("error_description", answer.getString("error", "HTTP " + response.statusCode()));
            throw new MarketoCredentialsException("401", "Identity refused client id " + clientId + ": " + why, null);
        }
        if (response.statusCode() != 200 || answer == null || !answer.containsKey("access_token")) {
            throw RestErrors.ofHttpStatus(response.statusCode() == 200 ? 502 : response.statusCode(), response.body());
        }
        return new AccessTokens.Grant(answer.getString("access_token"), answer.getJsonNumber("expires_in").longValue());
    }

    private JsonObject send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        JsonObject envelope = parse(response.body());
        if (response.statusCode() != 200 || envelope == null) {
            throw RestErrors.ofHttpStatus(response.statusCode() == 200 ? 502 : response.statusCode(), response.body());
        }
        return envelope;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A call that could not connect never left; any other broken exchange may have been applied.
            boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
            throw new MarketoUnavailableException("IO", e.getClass().getSimpleName() + ": " + e.getMessage(), neverSent, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoUnavailableException("IO", "interrupted", false, e);
        }
    }

    private static JsonObject parse(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** The first error's code when {@code success} is false. */
    private static String errorCode(JsonObject envelope) {
        if (envelope.getBoolean("success", false)) {
            return null;
        }
        JsonArray errors = envelope.getJsonArray("errors");
        return errors == null || errors.isEmpty() ? "success:false" : errors.getJsonObject(0).getString("code", "?");
    }

    private static String errorMessage(JsonObject envelope) {
        JsonArray errors = envelope.getJsonArray("errors");
        String message = errors == null || errors.isEmpty() ? "Marketo answered success:false without errors"
                : errors.getJsonObject(0).getString("message", "");
        return message + " (requestId " + envelope.getString("requestId", "?") + ")";
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
