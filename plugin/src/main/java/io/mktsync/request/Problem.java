package io.mktsync.request;

/**
 * What is wrong with a request: which object (1-based, 0 for the request as a whole), which field,
 * and why, in words a sender can act on.
 */
public record Problem(int object, String field, String message) {

    public static Problem ofRequest(String field, String message) {
        return new Problem(0, field, message);
    }

    @Override
    public String toString() {
        String where = object == 0 ? "request" : "object " + object;
        return where + (field == null ? "" : ", " + field) + ": " + message;
    }
}
