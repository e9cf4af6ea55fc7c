package io.mktsync.marketo.rest;

import io.mktsync.marketo.CallGroup;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.request.TypeAttrib;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Between the syncMObjects request model and Marketo's REST records: Opportunities and roles become
 * records of Sync Opportunities and Sync Opportunity Roles, a Program its tag and cost updates. What
 * REST cannot express is a {@code gap}: the object is answered FAILED with that reason and never sent.
 */
final class RestMapping {

    static final String OPPORTUNITY_BY_ID = "Marketo's REST API cannot address an Opportunity by its SOAP id (%s): "
            + "it knows Opportunities only by externalOpportunityId or marketoGUID. Send the Opportunity's externalKey";
    static final String OPPORTUNITY_WITHOUT_KEY = "Marketo's REST API creates an Opportunity only with its "
            + "externalOpportunityId: send an externalKey";
    static final String COMPANY_BY_ID = "the REST backend takes an Opportunity's Company by externalKey only "
            + "(externalCompanyId), not by id (%s)";
    static final String ASSOCIATION = "Marketo's REST API has no field for an Opportunity's %s association";
    static final String ROLE_OPPORTUNITY_BY_ID = "Marketo's REST API cannot address a role's Opportunity by its "
            + "SOAP id (%s): give the Opportunity association by externalKey (externalOpportunityId)";
    static final String ROLE_WITHOUT_OPPORTUNITY = "a role needs its Opportunity: give the Opportunity association "
            + "by externalKey (externalOpportunityId)";
    static final String ROLE_LEAD = "the REST backend takes a role's Lead by id only: give PersonId or a Lead "
            + "association by id";
    static final String ROLE_WITHOUT_ROLE = "Marketo's REST API needs Role: it is part of an opportunity role's key "
            + "(externalOpportunityId, leadId, role)";
    static final String COST_ID = "Marketo's REST API has no cost ids: an existing cost (Id %s) cannot be changed, "
            + "only new costs appended. Send the Cost without Id to add one";
    static final String COST_AMOUNT = "Marketo's REST API takes whole-number program costs: Amount '%s' is not one";
    static final String CHANNEL = "Marketo's REST API cannot change a program's channel: it is set only when "
            + "the program is created";

    /** Skipped for these reasons is what the operation asks for: an INSERT of an existing record. */
    private static final Set<String> EXISTS = Set.of("1005", "1017");
    /** ... and an UPDATE of a missing one. */
    private static final Set<String> NOT_FOUND = Set.of("1004", "1013");
    private static final Set<String> ROLE_ENDS = Set.of("OpportunityId", "PersonId", "Role", "IsPrimary");

    /** A record to send, or why the object cannot be sent. */
    record Mapped(JsonObject record, String gap) {
        static Mapped gap(String format, Object... args) {
            return new Mapped(null, String.format(format, args));
        }
    }

    /** A Program's tags to set and costs to append, or why it cannot be sent. */
    record ProgramUpdate(int id, List<Attrib> tags, JsonArray costs, String gap) {

        /** Marketo calls it takes: one per tag, one for all its costs; none for a gap. */
        int calls() {
            return gap != null ? 0 : tags.size() + (costs.isEmpty() ? 0 : 1);
        }
    }

    private final CallGroup opportunities;
    private final CallGroup roles;
    private final CallGroup program = new CallGroup("program", 1);
    private final Map<String, String> fieldNames;

    RestMapping(int maxRecordsPerCall, Map<String, String> fieldNames) {
        this.opportunities = new CallGroup("opportunities", maxRecordsPerCall);
        this.roles = new CallGroup("opportunityRoles", maxRecordsPerCall);
        this.fieldNames = Map.copyOf(fieldNames);
    }

    /** Sync Opportunities and Sync Opportunity Roles take many records; the asset API one program. */
    CallGroup group(MObject object) {
        return switch (object.type()) {
            case MObject.OPPORTUNITY -> opportunities;
            case MObject.OPPORTUNITY_PERSON_ROLE -> roles;
            default -> program;
        };
    }

    static String action(SyncOperation operation) {
        return switch (operation) {
            case INSERT -> "createOnly";
            case UPDATE -> "updateOnly";
            case UPSERT -> "createOrUpdate";
        };
    }

    Mapped opportunity(MObject o) {
        if (o.externalKey() == null) {
            return o.id() != null ? Mapped.gap(OPPORTUNITY_BY_ID, o.id()) : Mapped.gap(OPPORTUNITY_WITHOUT_KEY);
        }
        JsonObjectBuilder record = Json.createObjectBuilder().add("externalOpportunityId", o.externalKey().value());
        for (Association a : o.associations()) {
            if (!"Company".equals(a.mObjType())) {
                return Mapped.gap(ASSOCIATION, a.mObjType());
            }
            if (a.externalKey() == null) {
                return Mapped.gap(COMPANY_BY_ID, a.id());
            }
            record.add("externalCompanyId", a.externalKey().value());
        }
        o.attributes().forEach(a -> record.add(field(a.name()), a.value()));
        return new Mapped(record.build(), null);
    }

    Mapped role(MObject o) {
        String opportunityId = o.attribute("OpportunityId").orElse(null);
        Association opportunity = o.association(MObject.OPPORTUNITY).orElse(null);
        if (opportunityId != null || (opportunity != null && opportunity.externalKey() == null)) {
            return Mapped.gap(ROLE_OPPORTUNITY_BY_ID, opportunityId != null ? opportunityId : opportunity.id());
        }
        if (opportunity == null) {
            return Mapped.gap(ROLE_WITHOUT_OPPORTUNITY);
        }
        Integer leadId = o.attribute("PersonId").map(RestMapping::integer)
                .orElseGet(() -> o.association("Lead").map(Association::id).orElse(null));
        if (leadId == null) {
            return Mapped.gap(ROLE_LEAD);
        }
        String role = o.attribute("Role").orElse(null);
        if (role == null || role.isBlank()) {
            return Mapped.gap(ROLE_WITHOUT_ROLE);
        }
        JsonObjectBuilder record = Json.createObjectBuilder()
                .add("externalOpportunityId", opportunity.externalKey().value())
                .add("leadId", leadId)
                .add("role", role);
        o.attribute("IsPrimary").ifPresent(p -> record.add("isPrimary", truthy(p)));
        o.attributes().stream().filter(a -> !ROLE_ENDS.contains(a.name()))
                .forEach(a -> record.add(field(a.name()), a.value()));
        return new Mapped(record.build(), null);
    }

    static ProgramUpdate program(MObject o) {
        List<Attrib> tags = new ArrayList<>();
        JsonArrayBuilder costs = Json.createArrayBuilder();
        for (TypeAttrib t : o.typeAttributes()) {
            if ("Tag".equals(t.attrType())) {
                String type = t.value("Type").orElseThrow();
                if ("Channel".equalsIgnoreCase(type.trim())) {
                    return new ProgramUpdate(o.id(), List.of(), null, CHANNEL);
                }
                tags.add(new Attrib(type, t.value("Value").orElseThrow()));
            } else {
                if (t.value("Id").isPresent()) {
                    return new ProgramUpdate(o.id(), List.of(), null, String.format(COST_ID, t.value("Id").get()));
                }
                String amount = t.value("Amount").orElseThrow().trim();
                Integer cost = integer(amount);
                if (cost == null) {
                    return new ProgramUpdate(o.id(), List.of(), null, String.format(COST_AMOUNT, amount));
                }
                JsonObjectBuilder entry = Json.createObjectBuilder()
                        .add("startDate", t.value("Month").orElseThrow().trim() + "-01").add("cost", cost);
                t.value("Note").ifPresent(n -> entry.add("note", n));
                costs.add(entry);
            }
        }
        return new ProgramUpdate(o.id(), List.copyOf(tags), costs.build(), null);
    }

    /** One record's result, by Marketo's status and reasons, in SOAP's terms. */
    static ObjectStatus status(SyncOperation operation, MObject o, JsonObject result) {
        String guid = result.getString("marketoGUID", null);
        String status = result.getString("status", "");
        return switch (status) {
            case "created" -> new ObjectStatus(SyncStatus.CREATED, o.id(), o.externalKey(), null, guid);
            case "updated" -> new ObjectStatus(SyncStatus.UPDATED, o.id(), o.externalKey(), null, guid);
            case "skipped" -> {
                List<JsonObject> reasons = result.containsKey("reasons")
                        ? result.getJsonArray("reasons").getValuesAs(JsonValue::asJsonObject) : List.of();
                Set<String> codes = reasons.stream().map(r -> r.getString("code", "")).collect(Collectors.toSet());
                boolean asked = operation == SyncOperation.INSERT ? EXISTS.stream().anyMatch(codes::contains)
                        : operation == SyncOperation.UPDATE && NOT_FOUND.stream().anyMatch(codes::contains);
                String why = reasons.stream().map(r -> r.getString("code", "?") + " - " + r.getString("message", ""))
                        .collect(Collectors.joining("; "));
                yield new ObjectStatus(asked ? SyncStatus.SKIPPED : SyncStatus.FAILED, o.id(), o.externalKey(),
                        why.isEmpty() ? "skipped by Marketo without a reason" : why, guid);
            }
            default -> ObjectStatus.failed(o, "Marketo answered status '" + status + "' for this record");
        };
    }

    /** A SOAP attribute name as a REST field: the configured name, or the name with a lower-case first letter. */
    String field(String soapName) {
        String configured = fieldNames.get(soapName);
        if (configured != null || soapName.isEmpty()) {
            return configured == null ? soapName : configured;
        }
        return soapName.substring(0, 1).toLowerCase(Locale.ROOT) + soapName.substring(1);
    }

    private static boolean truthy(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("yes");
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
