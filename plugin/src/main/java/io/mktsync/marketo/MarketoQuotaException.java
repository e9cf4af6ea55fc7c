package io.mktsync.marketo;

/** The instance's daily API quota is spent (SOAP 20015, REST 607): no call succeeds before its reset. */
public class MarketoQuotaException extends MarketoException {

    public MarketoQuotaException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }
}
