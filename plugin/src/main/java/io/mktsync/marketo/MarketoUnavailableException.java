package io.mktsync.marketo;

/** Marketo could not be reached or asked us to come back later; the call may be retried. */
public class MarketoUnavailableException extends MarketoException {

    public MarketoUnavailableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
