package io.mktsync.marketo;

/**
 * Marketo refused our credentials (SOAP 20014, REST Identity's 401) or our access (20013, 603), or
 * the settings to call it are missing: an operator has to act.
 */
public class MarketoCredentialsException extends MarketoException {

    public MarketoCredentialsException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }
}
