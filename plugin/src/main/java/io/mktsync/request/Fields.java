package io.mktsync.request;

import java.util.List;
import java.util.regex.Pattern;

/** Field conversions shared by the XML and JSON readers and the validator, reporting instead of throwing. */
final class Fields {

    /**
     * Marketo ids are positive xs:int. ASCII digits only: {@code Integer.valueOf} also takes other
     * scripts' digits ("١٩٧٠" is 1970) and signs, which would address an object nobody named.
     */
    private static final Pattern ID = Pattern.compile("0*[1-9][0-9]{0,9}");

    private Fields() {
    }

    /** The id written in {@code raw} (XML whitespace around it allowed), or null when it is not a Marketo id. */
    static Integer id(String raw) {
        String digits = raw == null ? "" : trim(raw);
        if (!ID.matcher(digits).matches()) {
            return null;
        }
        long id = Long.parseLong(digits);
        return id <= Integer.MAX_VALUE ? (int) id : null;
    }

    /** An optional id field: null when absent, reported when present but not an id. */
    static Integer id(String raw, int object, String field, List<Problem> problems) {
        if (raw == null) {
            return null;
        }
        Integer id = id(raw);
        if (id == null) {
            problems.add(new Problem(object, field, "must be a positive integer id of ASCII digits, was '"
                    + abbreviate(raw) + "'"));
        }
        return id;
    }

    static SyncOperation operation(String raw, List<Problem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(Problem.ofRequest("operation", "is missing; use INSERT, UPDATE or UPSERT"));
            return null;
        }
        try {
            return SyncOperation.valueOf(trim(raw));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.ofRequest("operation",
                    "must be INSERT, UPDATE or UPSERT, was '" + abbreviate(raw) + "'"));
            return null;
        }
    }

    /**
     * Without XML's whitespace (space, TAB, CR, LF) at either end. Not {@link String#trim()}, which
     * also drops control characters and would let "INSERT\u0000" through as INSERT.
     */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isXmlWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isXmlWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Keeps hostile or huge values out of replies and logs: at most 64 characters (never half a
     * surrogate pair), control and unpaired surrogate characters escaped.
     */
    static String abbreviate(String value) {
        String shortened = value.codePointCount(0, value.length()) <= 64 ? value
                : value.substring(0, value.offsetByCodePoints(0, 61)) + "...";
        return LogSafe.of(shortened);
    }
}
