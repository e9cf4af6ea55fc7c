package io.mktsync.request;

/**
 * What is wrong with a request: which object (1-based, 0 for the request as a whole), which field,
 * and why, in words a sender can act on.
 */
public record Problem(int object, String field, String message) {

    /** A field can be a name from the request: escaped and shortened, as quoted values are, for replies and logs. */
    public Problem {
        field = field == null ? null : Fields.abbreviate(field);
        message = LogSafe.of(message);
    }

    public static Problem ofRequest(String field, String message) {
        return new Problem(0, field, message);
    }

    @Override
    public String toString() {
        String where = object == 0 ? "request" : "object " + object;
        return where + (field == null ? "" : ", " + field) + ": " + message;
    }
}
