package io.mktsync.marketo;

/**
 * Too many calls in Marketo's window (SOAP 20023, REST 606) or at once (20024, 615): everyone should
 * slow down.
 */
public class MarketoRateLimitedException extends MarketoException {

    private final boolean concurrency;

    public MarketoRateLimitedException(String code, String message, boolean concurrency, Throwable cause) {
        super(code, message, true, cause);
        this.concurrency = concurrency;
    }

    /** True for the concurrency limit, which clears as soon as calls finish; false for the rate window. */
    public boolean concurrency() {
        return concurrency;
    }
}
