package io.mktsync.request;

import java.util.List;

/** Field conversions shared by the XML and JSON readers, reporting instead of throwing. */
final class Fields {

    private Fields() {
    }

    static Integer integer(String raw, int object, String field, List<Problem> problems) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            problems.add(new Problem(object, field, "must be an integer, was '" + abbreviate(raw) + "'"));
            return null;
        }
    }

    static SyncOperation operation(String raw, List<Problem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(Problem.ofRequest("operation", "is missing; use INSERT, UPDATE or UPSERT"));
            return null;
        }
        try {
            return SyncOperation.valueOf(raw.trim());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.ofRequest("operation",
                    "must be INSERT, UPDATE or UPSERT, was '" + abbreviate(raw) + "'"));
            return null;
        }
    }

    /** Keeps hostile or huge values out of replies and logs. */
    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
