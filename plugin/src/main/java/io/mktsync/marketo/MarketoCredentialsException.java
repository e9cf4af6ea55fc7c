package io.mktsync.marketo;

import java.util.List;

/**
 * Marketo refused our credentials (SOAP 20014, REST Identity's 401) or our access (20013, 603), or
 * the settings to call it are missing: an operator has to act.
 */
public class MarketoCredentialsException extends MarketoException {

    public MarketoCredentialsException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }

    /** Missing settings are an operator's matter, like refused credentials: requests wait for them. */
    public static MarketoCredentialsException settingsMissing(List<String> keys) {
        return new MarketoCredentialsException("CONFIG", "Marketo settings are missing: " + keys, null);
    }
}
