package io.mktsync.marketo;

/** Marketo refused the call as such (bad parameter, unsupported operation...); retrying cannot help. */
public class MarketoFaultException extends MarketoException {

    public MarketoFaultException(String code, String message, Throwable cause) {
        super(code, message, true, cause);
    }
}
