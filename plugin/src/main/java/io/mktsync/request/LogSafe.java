package io.mktsync.request;

/**
 * Request data made safe for a log line: a producer's value could otherwise carry a line break and
 * forge a record of its own (an {@code ERROR} line that never happened), or hide text with bidi
 * controls. Control and line-separating characters, and halves of a surrogate pair standing alone
 * (which an encoder would turn into '?'), are written as Java escapes; the rest as is.
 */
public final class LogSafe {

    private LogSafe() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = Character.isSurrogate(c) && !Texts.isPaired(text, i)
                    ? String.format("\\u%04x", (int) c) : escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        || c == '\u0085' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                        || c == '\u200E' || c == '\u200F';
                return unsafe ? String.format("\\u%04x", (int) c) : null;
        }
    }
}
