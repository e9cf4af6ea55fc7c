package io.mktsync.marketo.rest;

import io.mktsync.request.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the Marketo instance says about itself, read when first needed and cached: the fields of
 * Opportunities and of Opportunity roles (Describe Opportunity, Describe Opportunity Role) and the
 * program tag types (Get Tag Types). A cache is read again once it is {@code maxAgeS} old, or when
 * Marketo's answers show it is out of date ({@link #stale}); only {@link #renewDue} reads it again,
 * so that the calls it takes are known before a call of records is planned.
 */
final class RestMetadata {

    static final String DESCRIBE_OPPORTUNITY = "/rest/v1/opportunities/describe.json";
    static final String DESCRIBE_ROLE = "/rest/v1/opportunities/roles/describe.json";
    static final String TAG_TYPES = "/rest/asset/v1/tagTypes.json";
    /** The asset API's largest page. */
    static final int TAG_TYPES_PAGE = 200;

    /** The {@code result} of one GET of Marketo's REST API; each is one Marketo call. */
    interface Reader {
        JsonArray read(String path, Map<String, String> query);
    }

    /** The objects Marketo describes. */
    enum Described {
        OPPORTUNITY("Opportunity", "Describe Opportunity", DESCRIBE_OPPORTUNITY),
        OPPORTUNITY_ROLE("OpportunityPersonRole", "Describe Opportunity Role", DESCRIBE_ROLE);

        /** The request model's type. */
        final String type;
        /** Adobe's name of the call. */
        final String call;
        final String path;

        Described(String type, String call, String path) {
            this.type = type;
            this.call = call;
            this.path = path;
        }
    }

    /** One field as Describe gives it. */
    record Field(String name, String displayName, String dataType, boolean updateable) {

        /**
         * The request's text as this field's JSON value, or empty when it is not one of its type. An
         * empty text clears the field (Marketo stores {@code ""} as null).
         */
        Optional<JsonValue> json(String text) {
            String value = text.trim();
            if (value.isEmpty()) {
                return Optional.of(isText() ? Jsonp.PROVIDER.createValue(text) : JsonValue.NULL);
            }
            try {
                return Optional.of(switch (dataType.toLowerCase(Locale.ROOT)) {
                    case "integer", "score" -> Jsonp.PROVIDER.createValue(Integer.parseInt(value));
                    case "float", "currency", "percent", "double" -> Jsonp.PROVIDER.createValue(new BigDecimal(value));
                    case "boolean" -> bool(value);
                    case "date" -> Jsonp.PROVIDER.createValue(LocalDate.parse(value).toString());
                    case "datetime" -> Jsonp.PROVIDER.createValue(dateTime(value));
                    default -> Jsonp.PROVIDER.createValue(text);
                });
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private boolean isText() {
            return switch (dataType.toLowerCase(Locale.ROOT)) {
                case "integer", "score", "float", "currency", "percent", "double", "boolean", "date", "datetime" -> false;
                default -> true;
            };
        }

        private static JsonValue bool(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> JsonValue.TRUE;
                case "false", "0" -> JsonValue.FALSE;
                default -> throw new IllegalArgumentException(value);
            };
        }

        /** ISO-8601, with or without an offset (without one, the instance's time zone applies). */
        private static String dateTime(String value) {
            try {
                return OffsetDateTime.parse(value).toString();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).toString();
            }
        }
    }

    /** An object's fields, found by API name, else by display name, whatever the case. */
    static final class Fields {

        private final Map<String, Field> byName = new LinkedHashMap<>();
        private final Map<String, Field> byDisplayName = new LinkedHashMap<>();

        Fields(List<Field> fields) {
            for (Field f : fields) {
                byName.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
                if (f.displayName() != null) {
                    byDisplayName.putIfAbsent(f.displayName().toLowerCase(Locale.ROOT), f);
                }
            }
        }

        Optional<Field> find(String requested) {
            String key = requested.trim().toLowerCase(Locale.ROOT);
            return Optional.ofNullable(byName.getOrDefault(key, byDisplayName.get(key)));
        }
    }

    /** One cached answer. */
    private final class Cache<T> {

        private final Supplier<T> read;
        /** Readers never wait for a renewal, which waits for a limiter permit that they may hold. */
        private volatile T value;
        private Instant readAt;
        private boolean stale;

        Cache(Supplier<T> read) {
            this.read = read;
        }

        /** The value, read now only if it never was. */
        T current() {
            T current = value;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (value == null) {
                    renew();
                }
                return value;
            }
        }

        synchronized void renewIfDue() {
            if (value != null && (stale || !clock.instant().isBefore(readAt.plusSeconds(maxAgeS)))) {
                renew();
            }
        }

        synchronized void stale() {
            stale = true;
        }

        private void renew() {
            value = read.get();
            readAt = clock.instant();
            stale = false;
        }
    }

    private final Reader reader;
    private final Clock clock;
    private final long maxAgeS;
    private final Map<Described, Cache<Fields>> described = new LinkedHashMap<>();
    private final Cache<Map<String, String>> tagTypes;

    RestMetadata(Reader reader, Clock clock, long maxAgeS) {
        this.reader = reader;
        this.clock = clock;
        this.maxAgeS = maxAgeS;
        for (Described d : Described.values()) {
            described.put(d, new Cache<>(() -> describe(d)));
        }
        this.tagTypes = new Cache<>(this::readTagTypes);
    }

    /** The fields Describe gives for this object. */
    Fields fields(Described object) {
        return described.get(object).current();
    }

    /** The instance's tag type for a name in any case, in the instance's spelling; empty if it has none. */
    Optional<String> tagType(String name) {
        return Optional.ofNullable(tagTypes.current().get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The instance's tag types, for a reason that names them. */
    List<String> tagTypes() {
        return List.copyOf(tagTypes.current().values());
    }

    /** Marketo's answers say the fields of this object changed (1003, 1006): read Describe again. */
    void stale(Described object) {
        described.get(object).stale();
    }

    /** Marketo refused a tag update: read the tag types again. */
    void tagTypesStale() {
        tagTypes.stale();
    }

    /** Reads again what was read before and is now stale or {@code maxAgeS} old. */
    void renewDue() {
        described.values().forEach(Cache::renewIfDue);
        tagTypes.renewIfDue();
    }

    private Fields describe(Described object) {
        JsonArray result = reader.read(object.path, Map.of());
        List<Field> fields = new ArrayList<>();
        if (!result.isEmpty() && result.getJsonObject(0).containsKey("fields")) {
            for (JsonValue v : result.getJsonObject(0).getJsonArray("fields")) {
                JsonObject f = v.asJsonObject();
                fields.add(new Field(f.getString("name"), f.getString("displayName", null),
                        f.getString("dataType", "string"), f.getBoolean("updateable", true)));
            }
        }
        return new Fields(fields);
    }

    private Map<String, String> readTagTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        for (int offset = 0; ; offset += TAG_TYPES_PAGE) {
            JsonArray page = reader.read(TAG_TYPES, Map.of("maxReturn", String.valueOf(TAG_TYPES_PAGE),
                    "offset", String.valueOf(offset)));
            page.forEach(t -> {
                String type = t.asJsonObject().getString("tagType");
                types.putIfAbsent(type.toLowerCase(Locale.ROOT), type);
            });
            if (page.size() < TAG_TYPES_PAGE) {
                return types;
            }
        }
    }
}
