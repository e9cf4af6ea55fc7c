package io.mktsync.marketo.rest;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.marketo.MarketoUnavailableException;
import java.util.Set;

/**
 * Marketo's response-level REST codes (HTTP 200, {@code success:false}) and HTTP failures, sorted
 * into the classes the SOAP backend uses too: retry, slow down, hold, or refused.
 */
final class RestErrors {

    static final Set<String> TOKEN = Set.of("601", "602");
    private static final String ACCESS_DENIED = "603";
    private static final String RATE = "606";
    private static final String CONCURRENCY = "615";
    private static final String QUOTA = "607";
    /**
     * Worth asking again, and not executed: Marketo says a 6xx request was not executed, and 713 and
     * 719 ask to wait.
     */
    private static final Set<String> TRANSIENT_NOT_APPLIED = Set.of("608", "611", "614", "713", "719");
    /** Worth asking again, but a request that ran out of time may have been applied before it did. */
    private static final Set<String> TRANSIENT_MAYBE_APPLIED = Set.of("604");

    private RestErrors() {
    }

    static MarketoException classify(String code, String message) {
        if (RATE.equals(code) || CONCURRENCY.equals(code)) {
            return new MarketoRateLimitedException(code, message, CONCURRENCY.equals(code), null);
        }
        if (QUOTA.equals(code)) {
            return new MarketoQuotaException(code, message, null);
        }
        if (ACCESS_DENIED.equals(code)) {
            return new MarketoCredentialsException(code, message, null);
        }
        // A token refused again right after renewal is not the credentials' fault: ask again later.
        if (TRANSIENT_NOT_APPLIED.contains(code) || TOKEN.contains(code)) {
            return new MarketoUnavailableException(code, message, true, null);
        }
        if (TRANSIENT_MAYBE_APPLIED.contains(code)) {
            return new MarketoUnavailableException(code, message, false, null);
        }
        return new MarketoFaultException(code, message, null);
    }

    /**
     * An HTTP status other than 200. 503 and 429 turn a call away before it is processed; another
     * 5xx (502 from Marketo's gateway included) may come after Marketo applied it.
     */
    static MarketoException ofHttpStatus(int status, String body) {
        String code = "HTTP " + status;
        String message = "Marketo answered HTTP " + status + abbreviated(body);
        if (status >= 500 || status == 408 || status == 429) {
            return new MarketoUnavailableException(code, message, status == 503 || status == 429, null);
        }
        if (status == 401 || status == 403) {
            return new MarketoCredentialsException(code, message, null);
        }
        return new MarketoFaultException(code, message, null);
    }

    private static String abbreviated(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() <= 120 ? line : line.substring(0, 117) + "...");
    }
}
