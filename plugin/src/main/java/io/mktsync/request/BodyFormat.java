package io.mktsync.request;

/** The wire format of a request body; the reply is written in the same one. */
public enum BodyFormat {
    XML,
    JSON;

    /** Sniffs the first non-blank character; JSON is the fallback for bodies that are neither. */
    public static BodyFormat of(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '<' ? XML : JSON;
            }
        }
        return JSON;
    }
}
