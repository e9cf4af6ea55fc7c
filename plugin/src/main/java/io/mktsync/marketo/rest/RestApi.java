package io.mktsync.marketo.rest;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoExchanges;
import io.mktsync.marketo.MarketoUnavailableException;
import io.mktsync.metrics.MarketoCallMetrics;
import io.mktsync.request.Jsonp;
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
import java.time.Instant;
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

    private static final String IDENTITY = "/identity/oauth/token";
    /**
     * The charset said, not left to the server's default: a servlet container reads a body without
     * one as ISO-8859-1, which turns every accent, emoji or bidi mark into other characters.
     */
    private static final String JSON = "application/json; charset=UTF-8";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    private final HttpClient http;
    private final String baseUrl;
    private final String clientId;
    private final Duration receiveTimeout;
    private final AccessTokens tokens;
    private final RestSettings.IdentityForm identityForm;
    private final MarketoExchanges exchanges;

    RestApi(RestSettings settings, MarketoExchanges exchanges) {
        this.exchanges = exchanges;
        this.identityForm = settings.identityForm();
        this.baseUrl = settings.baseUrl().orElseThrow();
        this.clientId = settings.clientId();
        this.receiveTimeout = Duration.ofMillis(settings.receiveTimeoutMs());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.connectTimeoutMs())).build();
        String secret = settings.clientSecret();
        this.tokens = new AccessTokens(() -> identity(secret), Clock.systemUTC(), settings.tokenRenewMarginS());
    }

    /** A POST; returns Marketo's envelope when {@code success} is true, throws its error otherwise. */
    JsonObject post(String path, Body body) {
        return call(operation(path, false), objects(body), token -> post(path, body, token));
    }

    /** A GET with query parameters; as {@link #post}. */
    JsonObject get(String path, Map<String, String> query) {
        String url = query.isEmpty() ? path : path + "?" + form(query);
        return call(operation(path, true), 0, token -> request(url, token).GET().build());
    }

    /**
     * The operation's name in Adobe's words, for the calls metric: a path holds ids (a program's), so
     * it is not one.
     */
    static String operation(String path, boolean get) {
        if (path.startsWith("/rest/asset/v1/program/")) {
            return path.contains("/tag/") ? "updateProgramTag" : "updateProgram";
        }
        return switch (path) {
            case RestBackend.OPPORTUNITIES -> get ? "getOpportunities" : "syncOpportunities";
            case RestBackend.ROLES -> get ? "getOpportunityRoles" : "syncOpportunityRoles";
            case RestMetadata.DESCRIBE_OPPORTUNITY -> "describeOpportunity";
            case RestMetadata.DESCRIBE_ROLE -> "describeOpportunityRole";
            case RestMetadata.TAG_TYPES -> "getTagTypes";
            default -> "other";
        };
    }

    /** The objects a write carries: the records of a Sync, the one Program of an Asset form. */
    private static int objects(Body body) {
        if (body instanceof JsonBody j) {
            JsonArray input = j.json().getJsonArray("input");
            return input == null ? 0 : input.size();
        }
        return 1;
    }

    private JsonObject call(String operation, int objects, Function<String, HttpRequest> withToken) {
        String token = tokens.token(clientId);
        JsonObject envelope = counted(operation, objects, withToken.apply(token));
        String code = errorCode(envelope);
        if (code != null && RestErrors.TOKEN.contains(code)) {
            tokens.refused(clientId, token);
            envelope = counted(operation, objects, withToken.apply(tokens.token(clientId)));
            code = errorCode(envelope);
        }
        if (code != null) {
            throw RestErrors.classify(code, errorMessage(envelope));
        }
        return envelope;
    }

    /** One exchange, counted and traced by its result: ok, Marketo's error code, or why there was no answer. */
    private JsonObject counted(String operation, int objects, HttpRequest request) {
        Instant start = Instant.now();
        JsonObject envelope;
        try {
            envelope = send(request);
        } catch (MarketoException e) {
            exchanged(operation, objects, null, e.code(), start);
            throw e;
        }
        String code = errorCode(envelope);
        exchanged(operation, objects, envelope.getString("requestId", null), code == null ? MarketoCallMetrics.OK : code, start);
        return envelope;
    }

    private void exchanged(String operation, int objects, String marketoRequestId, String result, Instant start) {
        exchanges.exchanged("rest", operation, objects, marketoRequestId, result, start);
    }

    private HttpRequest post(String path, Body body, String token) {
        HttpRequest.Builder request = request(path, token);
        if (body instanceof FormBody f) {
            return request.header("Content-Type", FORM)
                    .POST(HttpRequest.BodyPublishers.ofString(form(f.fields()), StandardCharsets.UTF_8)).build();
        }
        return request.header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(((JsonBody) body).json().toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(receiveTimeout)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
    }

    /**
     * The client credentials grant, by default as Adobe documents it: the three parameters in the
     * query of a GET. That URL holds the secret, so it is never logged, and no exception made here
     * carries it (nor an I/O exception that might quote the URL).
     */
    private AccessTokens.Grant identity(String secret) {
        Instant start = Instant.now();
        try {
            AccessTokens.Grant grant = grant(secret);
            exchanged("identity", 0, null, MarketoCallMetrics.OK, start);
            return grant;
        } catch (MarketoException e) {
            exchanged("identity", 0, null, e.code(), start);
            throw e;
        }
    }

    private AccessTokens.Grant grant(String secret) {
        String credentials = form(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        HttpRequest.Builder builder = identityForm == RestSettings.IdentityForm.QUERY
                ? HttpRequest.newBuilder(URI.create(baseUrl + IDENTITY + "?" + credentials)).GET()
                : HttpRequest.newBuilder(URI.create(baseUrl + IDENTITY)).header("Content-Type", FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(credentials, StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange(builder.timeout(receiveTimeout).header("Accept", "application/json")
                .build(), secret);
        JsonObject answer = parse(response.body());
        if (response.statusCode() == 401 || (answer != null && answer.containsKey("error"))) {
            String why = answer == null ? "HTTP " + response.statusCode()
                    : answer.getString("error_description", answer.getString("error", "HTTP " + response.statusCode()));
            throw new MarketoCredentialsException("401", redacted("Identity refused client id " + clientId + ": " + why,
                    secret), null);
        }
        if (response.statusCode() != 200 || answer == null || !answer.containsKey("access_token")) {
            throw RestErrors.ofHttpStatus(response.statusCode() == 200 ? 502 : response.statusCode(),
                    redacted(response.body(), secret));
        }
        return new AccessTokens.Grant(answer.getString("access_token"), answer.getJsonNumber("expires_in").longValue());
    }

    private JsonObject send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, null);
        JsonObject envelope = parse(response.body());
        if (response.statusCode() != 200 || envelope == null) {
            throw RestErrors.ofHttpStatus(response.statusCode() == 200 ? 502 : response.statusCode(), response.body());
        }
        return envelope;
    }

    /** @param secret what the request's URL carries that must not reach a message, or null */
    private HttpResponse<String> exchange(HttpRequest request, String secret) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A call that could not connect never left; any other broken exchange may have been applied.
            boolean neverSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            // The cause's own message could quote the URL, so it is not kept when the URL holds a secret.
            throw secret == null ? new MarketoUnavailableException("IO", message, neverSent, e)
                    : new MarketoUnavailableException("IO", redacted(message, secret), neverSent, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketoUnavailableException("IO", "interrupted", false, e);
        }
    }

    private static JsonObject parse(String body) {
        try {
            return Jsonp.PROVIDER.createReader(new StringReader(body)).readObject();
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

    /** The text with the secret, as it is and as a URL carries it, masked. */
    static String redacted(String text, String secret) {
        if (text == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***").replace(URLEncoder.encode(secret, StandardCharsets.UTF_8), "***");
    }

    /** One path segment, percent-encoded as UTF-8 ({@code +} is a plus in a path, so a space is {@code %20}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Form or query parameters, percent-encoded as UTF-8. */
    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
