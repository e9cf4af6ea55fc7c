package io.mktsync.marketo.rest;

import io.mktsync.marketo.CallGroup;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.Jsonp;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.request.TypeAttrib;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
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
    static final String UNKNOWN_FIELD = "%s attribute '%s' is not a field of this Marketo instance: %s gives no field "
            + "of that name or display name";
    static final String READ_ONLY_FIELD = "%s attribute '%s' is field '%s' of this Marketo instance, which %s says "
            + "cannot be written";
    static final String WRONG_TYPE = "%s attribute '%s' is field '%s' of type %s in this Marketo instance: '%s' is not "
            + "a value of that type";
    static final String UNKNOWN_TAG_TYPE = "this Marketo instance has no tag type '%s' (Get Tag Types lists %s)";

    /** Skipped for these reasons is what the operation asks for: an INSERT of an existing record. */
    private static final Set<String> EXISTS = Set.of("1005", "1017");
    /** ... and an UPDATE of a missing one. */
    private static final Set<String> NOT_FOUND = Set.of("1004", "1013");
    /** A role's key, which is built from these, not sent as fields of their own. */
    private static final Set<String> ROLE_KEY = Set.of("OpportunityId", "PersonId", "Role");

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
    private final RestMetadata metadata;

    RestMapping(int maxRecordsPerCall, RestMetadata metadata) {
        this.opportunities = new CallGroup("opportunities", maxRecordsPerCall);
        this.roles = new CallGroup("opportunityRoles", maxRecordsPerCall);
        this.metadata = metadata;
    }

    /** Sync Opportunities and Sync Opportunity Roles take many records; the asset API one program. */
    CallGroup group(MObject object) {
        return switch (object.type()) {
            case MObject.OPPORTUNITY -> opportunities;
            case MObject.OPPORTUNITY_PERSON_ROLE -> roles;
            default -> program;
        };
    }

    /**
     * The Marketo calls one call of these objects (one group, the seam's contract) makes: one for
     * the records of a Sync call, one per tag and one for the costs of a Program. An object answered
     * FAILED before any call (what REST cannot express, an unknown field or tag type, a value of the
     * wrong type) spends nothing.
     */
    int calls(List<MObject> objects) {
        if (MObject.PROGRAM.equals(objects.get(0).type())) {
            return objects.stream().mapToInt(o -> program(o).calls()).sum();
        }
        // Every object is mapped, not just up to the first that can be sent: what they need of the
        // instance's metadata is read now, not during the call.
        return objects.stream().map(this::records).toList().stream().anyMatch(m -> m.gap() == null) ? 1 : 0;
    }

    /** An Opportunity's or a role's record. */
    Mapped records(MObject o) {
        return MObject.OPPORTUNITY.equals(o.type()) ? opportunity(o) : role(o);
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
        JsonObjectBuilder record = Jsonp.PROVIDER.createObjectBuilder().add("externalOpportunityId", o.externalKey().value());
        for (Association a : o.associations()) {
            if (!"Company".equals(a.mObjType())) {
                return Mapped.gap(ASSOCIATION, a.mObjType());
            }
            if (a.externalKey() == null) {
                return Mapped.gap(COMPANY_BY_ID, a.id());
            }
            record.add("externalCompanyId", a.externalKey().value());
        }
        String gap = fields(RestMetadata.Described.OPPORTUNITY, o.attributes(), record);
        return gap != null ? new Mapped(null, gap) : new Mapped(record.build(), null);
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
        JsonObjectBuilder record = Jsonp.PROVIDER.createObjectBuilder()
                .add("externalOpportunityId", opportunity.externalKey().value())
                .add("leadId", leadId)
                .add("role", role);
        String gap = fields(RestMetadata.Described.OPPORTUNITY_ROLE,
                o.attributes().stream().filter(a -> !ROLE_KEY.contains(a.name())).toList(), record);
        return gap != null ? new Mapped(null, gap) : new Mapped(record.build(), null);
    }

    /**
     * Adds the attributes to the record as the instance's fields, named and typed as Describe says;
     * returns why one cannot be sent, or null. Describe is read only when there is an attribute.
     */
    private String fields(RestMetadata.Described object, List<Attrib> attributes, JsonObjectBuilder record) {
        if (attributes.isEmpty()) {
            return null;
        }
        RestMetadata.Fields fields = metadata.fields(object);
        for (Attrib a : attributes) {
            RestMetadata.Field field = fields.find(a.name()).orElse(null);
            if (field == null) {
                return String.format(UNKNOWN_FIELD, object.type, a.name(), object.call);
            }
            if (!field.updateable()) {
                return String.format(READ_ONLY_FIELD, object.type, a.name(), field.name(), object.call);
            }
            JsonValue value = field.json(a.value()).orElse(null);
            if (value == null) {
                return String.format(WRONG_TYPE, object.type, a.name(), field.name(), field.dataType(), a.value());
            }
            record.add(field.name(), value);
        }
        return null;
    }

    /**
     * A Program's update: what REST cannot express is found first, then each tag type is checked
     * against the instance's (read only when the Program has a tag) and sent in the instance's spelling.
     */
    ProgramUpdate program(MObject o) {
        List<Attrib> tags = new ArrayList<>();
        JsonArrayBuilder costs = Jsonp.PROVIDER.createArrayBuilder();
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
                JsonObjectBuilder entry = Jsonp.PROVIDER.createObjectBuilder()
                        .add("startDate", t.value("Month").orElseThrow().trim() + "-01").add("cost", cost);
                t.value("Note").ifPresent(n -> entry.add("note", n));
                costs.add(entry);
            }
        }
        List<Attrib> known = new ArrayList<>();
        for (Attrib tag : tags) {
            String type = metadata.tagType(tag.name()).orElse(null);
            if (type == null) {
                return new ProgramUpdate(o.id(), List.of(), null,
                        String.format(UNKNOWN_TAG_TYPE, tag.name(), metadata.tagTypes()));
            }
            known.add(new Attrib(type, tag.value()));
        }
        return new ProgramUpdate(o.id(), List.copyOf(known), costs.build(), null);
    }

    /** One record's result, by Marketo's status and reasons, in SOAP's terms. */
    static ObjectStatus status(SyncOperation operation, MObject o, JsonObject result) {
        String guid = result.getString("marketoGUID", null);
        String status = result.getString("status", "");
        return switch (status) {
            case "created" -> new ObjectStatus(SyncStatus.CREATED, o.id(), o.externalKey(), null, guid);
            case "updated" -> new ObjectStatus(SyncStatus.UPDATED, o.id(), o.externalKey(), null, guid);
            case "skipped" -> {
                List<JsonObject> reasons = reasons(result);
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

    /** A record result's reasons, {@code {code, message}}. */
    static List<JsonObject> reasons(JsonObject result) {
        return result.containsKey("reasons") ? result.getJsonArray("reasons").getValuesAs(JsonValue::asJsonObject) : List.of();
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
