package io.mktsync.marketo.rest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A Marketo instance's Describe and tag types as the tests want them, and the reads made of them. */
final class FakeInstance {

    final List<String> reads = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final RestMetadata metadata = new RestMetadata((path, query) -> {
        reads.add(path);
        return switch (path) {
            case RestMetadata.DESCRIBE_OPPORTUNITY -> describe(
                    field("marketoGUID", "Marketo GUID", "string", false),
                    field("externalOpportunityId", "SFDC Oppty Id", "string", false),
                    field("createdAt", "Created At", "datetime", false),
                    field("name", "Name", "string", true),
                    field("description", "Description", "text", true),
                    field("amount", "Amount", "currency", true),
                    field("closeDate", "Close Date", "date", true),
                    field("probability", "Probability", "integer", true),
                    field("isWon", "Is Won", "boolean", true),
                    field("source", "Lead Source", "string", true),
                    field("externalCreatedDate", "External Created Date", "datetime", true));
            case RestMetadata.DESCRIBE_ROLE -> describe(
                    field("externalOpportunityId", "SFDC Oppty Id", "string", false),
                    field("leadId", "Lead Id", "integer", false),
                    field("role", "Role", "string", false),
                    field("isPrimary", "Is Primary", "boolean", true));
            case RestMetadata.TAG_TYPES -> Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("tagType", "Region").add("required", false))
                    .add(Json.createObjectBuilder().add("tagType", "Program Owner").add("required", true)).build();
            default -> throw new IllegalArgumentException(path);
        };
    }, new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, 86_400);

    RestMetadata metadata() {
        return metadata;
    }

    void later(long seconds) {
        now = now.plus(Duration.ofSeconds(seconds));
    }

    private static JsonObjectBuilder field(String name, String displayName, String dataType, boolean updateable) {
        return Json.createObjectBuilder().add("name", name).add("displayName", displayName).add("dataType", dataType)
                .add("updateable", updateable);
    }

    @SafeVarargs
    private static JsonArray describe(JsonObjectBuilder... fields) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder f : fields) {
            array.add(f);
        }
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "opportunity")
                .add("idField", "marketoGUID").add("fields", array)).build();
    }
}
