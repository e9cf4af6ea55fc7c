package io.mktsync.marketo;

/**
 * Marketo refused our credentials (20014) or our access (20013), or the settings to call it are
 * missing: an operator has to act.
 */
public class MarketoCredentialsException extends MarketoException {

    public MarketoCredentialsException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }
}
