package io.mktsync.sender;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C Trace Context's {@code traceparent} (https://www.w3.org/TR/trace-context/), which a request
 * carries as a JMS property of that name: mktsync continues the trace in its request span and the
 * reply brings it back. The sender has no tracing library of its own; it makes each request a span
 * of the caller's trace, or of a new one.
 */
public final class TraceParent {

    /** The JMS property of requests and replies. */
    public static final String PROPERTY = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TraceParent() {
    }

    /**
     * A new span's traceparent: in the trace of {@code parent} (a traceparent, for example the
     * TRACEPARENT environment variable of a script run inside a trace), keeping its sampled flag; in a
     * new, sampled trace when there is none or it is not a valid one.
     */
    public static String child(String parent) {
        Matcher m = parent == null ? null : FORMAT.matcher(parent.strip());
        if (m != null && m.matches() && !zero(m.group(1)) && !zero(m.group(2))) {
            return "00-" + m.group(1) + "-" + nonZeroHex(8) + "-" + m.group(3);
        }
        return "00-" + nonZeroHex(16) + "-" + nonZeroHex(8) + "-01";
    }

    /** The trace id of a traceparent, or null if it is not one. */
    public static String traceId(String traceParent) {
        Matcher m = traceParent == null ? null : FORMAT.matcher(traceParent);
        return m != null && m.matches() ? m.group(1) : null;
    }

    private static String nonZeroHex(int bytes) {
        String hex;
        do {
            byte[] id = new byte[bytes];
            RANDOM.nextBytes(id);
            hex = HEX.formatHex(id);
        } while (zero(hex));
        return hex;
    }

    private static boolean zero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
