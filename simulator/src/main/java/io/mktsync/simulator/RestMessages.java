package io.mktsync.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.UUID;

/**
 * Marketo's REST envelope: {@code requestId}, {@code success}, and {@code result} or {@code errors}
 * with Marketo's codes (quoted) and words. A code injected through the {@link FaultPlan} in SOAP's
 * numbering is answered with its REST equivalent, so one plan exercises either API.
 */
final class RestMessages {
    /** JSON-P's provider for the simulator, looked up once: {@code Json}'s static methods look it up on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(600, "Empty access token"),
            Map.entry(601, "Access token invalid"),
            Map.entry(602, "Access token expired"),
            Map.entry(603, "Access denied"),
            Map.entry(604, "Request time-out"),
            Map.entry(606, "Max rate limit '100' exceeded with in '20' secs"),
            Map.entry(607, "Daily quota reached"),
            Map.entry(608, "API Temporarily Unavailable"),
            Map.entry(609, "Invalid JSON"),
            Map.entry(610, "Requested resource not found"),
            Map.entry(611, "System error"),
            Map.entry(615, "Concurrent access limit reached"),
            Map.entry(702, "No data found for a given search scenario"),
            Map.entry(709, "Business Rule Violation"),
            Map.entry(713, "Transient Error"),
            Map.entry(1003, "Invalid data"));

    private static final Map<Integer, Integer> FROM_SOAP = Map.of(
            10001, 611, 20011, 611, 20013, 603, 20014, 603, 20015, 607,
            20016, 602, 20023, 606, 20024, 615, 20110, 1003);

    private RestMessages() {
    }

    /** The REST code for a code of the fault plan or of the limits, which may be SOAP's. */
    static int restCode(int code) {
        return FROM_SOAP.getOrDefault(code, code);
    }

    static JsonObject failure(int code, String detail) {
        String message = WORDS.getOrDefault(code, "Error") + (detail == null ? "" : ": " + detail);
        return JSON.createObjectBuilder().add("requestId", requestId()).add("success", false)
                .add("errors", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("code", String.valueOf(code)).add("message", message)))
                .build();
    }

    static JsonObject success(JsonArray result) {
        return JSON.createObjectBuilder().add("requestId", requestId()).add("success", true).add("result", result).build();
    }

    private static String requestId() {
        return UUID.randomUUID().toString().substring(0, 4) + "#" + Long.toHexString(System.currentTimeMillis());
    }
}
