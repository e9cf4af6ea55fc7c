package io.mktsync.marketo;

/** A failed Marketo call, with Marketo's error code (or {@code HTTP nnn}, {@code IO}) and its words. */
public abstract class MarketoException extends RuntimeException {

    private final String code;

    protected MarketoException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The text a sender sees in a FAILED status: Marketo's code and message as Marketo words them. */
    public String describe() {
        return code + " - " + getMessage();
    }
}
