package io.mktsync.marketo;

/** A failed Marketo call, with Marketo's error code (or {@code HTTP nnn}, {@code IO}) and its words. */
public abstract class MarketoException extends RuntimeException {

    private final String code;
    private final boolean notApplied;

    /**
     * @param notApplied the call certainly was not applied: Marketo answered with this error, or the
     *                   call never reached it (connection refused, 503); false when the exchange broke
     *                   (timeout, connection reset, a gateway's 502 or 504) and Marketo may have applied it
     */
    protected MarketoException(String code, String message, boolean notApplied, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.notApplied = notApplied;
    }

    public String code() {
        return code;
    }

    public boolean notApplied() {
        return notApplied;
    }

    /** The text a sender sees in a FAILED status: Marketo's code and message as Marketo words them. */
    public String describe() {
        return code + " - " + getMessage();
    }
}
