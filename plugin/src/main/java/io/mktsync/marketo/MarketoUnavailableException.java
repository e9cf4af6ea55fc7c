package io.mktsync.marketo;

/** Marketo could not be reached or failed inside; the call may be retried. */
public class MarketoUnavailableException extends MarketoException {

    public MarketoUnavailableException(String code, String message, boolean notApplied, Throwable cause) {
        super(code, message, notApplied, cause);
    }
}
