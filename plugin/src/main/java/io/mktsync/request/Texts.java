package io.mktsync.request;

/**
 * What text a request may carry. Nothing is altered on the way to Marketo: text that an encoder
 * would change (an unpaired surrogate becomes '?') or that the SOAP envelope cannot hold is refused.
 * <ul>
 * <li>everywhere: valid Unicode (no unpaired surrogate) of characters XML 1.0 can carry (no U+FFFE, U+FFFF);</li>
 * <li>free-text values: no control character except TAB, CR and LF (a Description may have lines);</li>
 * <li>names and keys (types, attribute and key names, key values, tag types): no control character
 *     at all, no line or paragraph separator, no whitespace at either end, since they become REST
 *     field names, URL parts and lookup filters, where such characters change what is addressed.</li>
 * </ul>
 */
final class Texts {

    private Texts() {
    }

    /** Whether the surrogate at {@code i} is one half of a high-low pair. */
    static boolean isPaired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Why a free-text value cannot be sent as it is, or null. */
    static String valueProblem(String s) {
        return problem(s, false);
    }

    /** Why a name or key cannot be sent as it is, or null. */
    static String nameProblem(String s) {
        String problem = problem(s, true);
        if (problem == null && !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)))) {
            return "has whitespace at its start or end";
        }
        return problem;
    }

    private static String problem(String s, boolean name) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && !isPaired(s, i)) {
                return "holds an unpaired surrogate " + codePoint(c) + " at position " + (i + 1) + ": not valid Unicode";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return "holds " + codePoint(c) + " at position " + (i + 1) + ", which is not a character";
            }
            boolean lineBreak = c == '\t' || c == '\r' || c == '\n';
            if ((Character.isISOControl(c) && (name || !lineBreak)) || (name && (c == '\u2028' || c == '\u2029'))) {
                return "holds the control character " + codePoint(c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
