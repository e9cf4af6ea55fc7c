package io.mktsync.simulator;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated instance's opportunity and opportunity role fields, as Describe Opportunity and
 * Describe Opportunity Role give them, and Marketo's record-level checks on them: a field it does not
 * have is skipped with 1006, a value not of the field's type with 1001. Field names are exact, as in
 * Marketo. The SOAP attribute names of {@link MObjectStore#OPPORTUNITY_FIELDS} are these fields with
 * an upper-case first letter.
 */
final class RestFields {

    /** One field: its API name, display name, data type and whether a sync may write it. */
    record Field(String name, String displayName, String dataType, int length, boolean updateable) {
    }

    static final Map<String, Field> OPPORTUNITY = fields(List.of(
            new Field("marketoGUID", "Marketo GUID", "string", 36, false),
            new Field("externalOpportunityId", "External Opportunity Id", "string", 50, false),
            new Field("createdAt", "Created At", "datetime", 0, false),
            new Field("updatedAt", "Updated At", "datetime", 0, false),
            new Field("name", "Name", "string", 255, true),
            new Field("description", "Description", "text", 2000, true),
            new Field("amount", "Amount", "currency", 0, true),
            new Field("closeDate", "Close Date", "date", 0, true),
            new Field("expectedRevenue", "Expected Revenue", "currency", 0, true),
            new Field("externalCreatedDate", "External Created Date", "datetime", 0, true),
            new Field("fiscal", "Fiscal", "string", 255, true),
            new Field("fiscalQuarter", "Fiscal Quarter", "integer", 0, true),
            new Field("fiscalYear", "Fiscal Year", "integer", 0, true),
            new Field("forecastCategoryName", "Forecast Category Name", "string", 255, true),
            new Field("isClosed", "Is Closed", "boolean", 0, true),
            new Field("isWon", "Is Won", "boolean", 0, true),
            new Field("lastActivityDate", "Last Activity Date", "date", 0, true),
            new Field("leadSource", "Lead Source", "string", 255, true),
            new Field("nextStep", "Next Step", "string", 255, true),
            new Field("probability", "Probability", "integer", 0, true),
            new Field("quantity", "Quantity", "float", 0, true),
            new Field("stage", "Stage", "string", 255, true),
            new Field("type", "Type", "string", 255, true),
            new Field("externalCompanyId", "External Company Id", "string", 100, true),
            new Field("externalSalesPersonId", "External Sales Person Id", "string", 100, true)));

    static final Map<String, Field> ROLE = fields(List.of(
            new Field("marketoGUID", "Marketo GUID", "string", 36, false),
            new Field("externalOpportunityId", "External Opportunity Id", "string", 50, false),
            new Field("leadId", "Lead Id", "integer", 0, false),
            new Field("role", "Role", "string", 50, false),
            new Field("isPrimary", "Is Primary", "boolean", 0, true),
            new Field("externalCreatedDate", "External Created Date", "datetime", 0, true),
            new Field("createdAt", "Created At", "datetime", 0, false),
            new Field("updatedAt", "Updated At", "datetime", 0, false)));

    private RestFields() {
    }

    private static Map<String, Field> fields(List<Field> fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    /** Describe's {@code result[0]}, in the shape of Marketo's ObjectMetaData. */
    static JsonObject describe(boolean roles) {
        JsonArrayBuilder fields = RestMessages.JSON.createArrayBuilder();
        for (Field f : (roles ? ROLE : OPPORTUNITY).values()) {
            var field = RestMessages.JSON.createObjectBuilder().add("name", f.name()).add("displayName", f.displayName())
                    .add("dataType", f.dataType());
            if (f.length() > 0) {
                field.add("length", f.length());
            }
            fields.add(field.add("updateable", f.updateable()).add("crmManaged", false));
        }
        JsonArrayBuilder dedupe = RestMessages.JSON.createArrayBuilder().add("externalOpportunityId");
        JsonArrayBuilder searchable = RestMessages.JSON.createArrayBuilder();
        if (roles) {
            dedupe.add("leadId").add("role");
            searchable.add(RestMessages.JSON.createArrayBuilder().add("externalOpportunityId").add("leadId").add("role"))
                    .add(RestMessages.JSON.createArrayBuilder().add("marketoGUID"))
                    .add(RestMessages.JSON.createArrayBuilder().add("leadId"))
                    .add(RestMessages.JSON.createArrayBuilder().add("externalOpportunityId"));
        } else {
            searchable.add(RestMessages.JSON.createArrayBuilder().add("externalOpportunityId"))
                    .add(RestMessages.JSON.createArrayBuilder().add("marketoGUID"));
        }
        return RestMessages.JSON.createObjectBuilder().add("name", roles ? "opportunityRole" : "opportunity")
                .add("displayName", roles ? "Opportunity Role" : "Opportunity")
                .add("createdAt", "2026-01-05T09:00:00Z").add("updatedAt", "2026-01-05T09:00:00Z")
                .add("idField", "marketoGUID").add("dedupeFields", dedupe).add("searchableFields", searchable)
                .add("fields", fields).build();
    }

    /**
     * Marketo's reason for skipping a record because of one of its fields (1006 not found, 1001 not
     * of the field's type), or null. {@code values} are the record's JSON values as text.
     */
    static Map<String, Object> refusal(Map<String, Field> known, Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Field field = known.get(e.getKey());
            if (field == null) {
                return Map.of("code", "1006", "message", "Field '" + e.getKey() + "' not found");
            }
            if (e.getValue() != null && !ofType(field.dataType(), String.valueOf(e.getValue()))) {
                return Map.of("code", "1001", "message", "Invalid value '" + e.getValue() + "'. Required of type '"
                        + field.dataType() + "'");
            }
        }
        return null;
    }

    private static boolean ofType(String dataType, String value) {
        if (value.isEmpty()) {
            return true;
        }
        try {
            switch (dataType) {
                case "integer" -> Integer.parseInt(value);
                case "float", "currency" -> new BigDecimal(value);
                case "boolean" -> {
                    return value.equals("true") || value.equals("false");
                }
                case "date" -> LocalDate.parse(value);
                case "datetime" -> dateTime(value);
                default -> {
                }
            }
            return true;
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    private static void dateTime(String value) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            LocalDateTime.parse(value);
        }
    }
}
