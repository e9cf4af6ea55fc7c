package io.mktsync.simulator;

/** A call-level error answered as Marketo does: HTTP 500 and a SOAP fault carrying the code. */
public class MarketoFault extends Exception {

    private final int code;
    private final String shortText;

    public MarketoFault(int code, String shortText, String detail) {
        super(detail);
        this.code = code;
        this.shortText = shortText;
    }

    public int code() {
        return code;
    }

    /** Marketo's faultstring: {@code <code> - <short text>}. */
    public String faultString() {
        return code + " - " + shortText;
    }

    /** Marketo's detail message: {@code <longer text> (<code>)}. */
    public String detailMessage() {
        return getMessage() + " (" + code + ")";
    }

    static MarketoFault of(int code) {
        return switch (code) {
            case 10001, 20011 -> new MarketoFault(code, "Internal Error", "Internal error");
            case 20013 -> new MarketoFault(code, "Access Denied", "Access denied");
            case 20014 -> new MarketoFault(code, "Authentication failed", "Authentication failed");
            case 20015 -> new MarketoFault(code, "Request Limit Exceeded", "Daily request limit exceeded");
            case 20016 -> new MarketoFault(code, "Request Expired", "Request expired");
            case 20023 -> new MarketoFault(code, "Rate Limit Exceeded", "More than the allowed calls in the past 20 seconds");
            case 20024 -> new MarketoFault(code, "Concurrency Limit Exceeded", "More than the allowed concurrent calls");
            case 20110 -> new MarketoFault(code, "Input error", "Input error");
            default -> new MarketoFault(code, "Error", "Injected error");
        };
    }
}
