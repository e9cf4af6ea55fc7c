package io.mktsync.simulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The simulated instance's MObjects, in memory, with syncMObjects semantics from the reference:
 * INSERT creates and skips existing objects, UPDATE updates and skips new ones, UPSERT does both;
 * objects are applied in request order. External keys are not unique: UPDATE and UPSERT find the
 * newest object with the key, but INSERT only skips an existing id, so an INSERT by external key
 * sent twice creates two objects, as Marketo would.
 *
 * <p>Seed data so that Marketo's documentation examples work as they are: Opportunities 1 to 100,
 * Programs 1000 to 1999, and leads 1 to 1,000,000 exist.
 */
@ApplicationScoped
public class MObjectStore {

    static final Set<String> OPPORTUNITY_FIELDS = Set.of("Amount", "CloseDate", "Description", "ExpectedRevenue",
            "ExternalCreatedDate", "Fiscal", "FiscalQuarter", "FiscalYear", "ForecastCategoryName", "IsClosed", "IsWon",
            "LastActivityDate", "LeadSource", "Name", "NextStep", "Probability", "Quantity", "Stage", "Type");
    static final Set<String> ROLE_FIELDS = Set.of("OpportunityId", "PersonId", "Role", "ExternalCreatedDate", "IsPrimary");
    /** The instance's program tag types (Admin > Tags), as Get Tag Types lists them. */
    static final List<String> TAG_TYPES = List.of("Region", "Program Owner", "Product", "Région");
    private static final int SEEDED_OPPORTUNITIES = 100;
    private static final int FIRST_NEW_ID = 1001;

    public record Status(String status, Integer id, String keyName, String keyValue, String error) {
    }

    private final Map<Integer, SyncedObject> opportunities = new LinkedHashMap<>();
    private final Map<Integer, SyncedObject> roles = new LinkedHashMap<>();
    private final Map<Integer, Program> programs = new HashMap<>();
    /** The newest Opportunity with each external key value: REST's externalOpportunityId index. */
    private final Map<String, SyncedObject> newestByKeyValue = new HashMap<>();
    private int nextId;
    private int nextCostId;

    @PostConstruct
    public synchronized void reset() {
        opportunities.clear();
        roles.clear();
        programs.clear();
        newestByKeyValue.clear();
        for (int id = 1; id <= SEEDED_OPPORTUNITIES; id++) {
            SyncedObject seed = new SyncedObject();
            seed.type = "Opportunity";
            seed.id = id;
            seed.marketoGUID = guid(seed);
            seed.attributes.put("Name", "Seed opportunity " + id);
            opportunities.put(id, seed);
        }
        nextId = FIRST_NEW_ID;
        nextCostId = 1;
    }

    /** Applies one call's objects in order; the whole call is one step for concurrent callers. */
    public synchronized List<Status> sync(String operation, List<SyncedObject> objects) {
        List<Status> statuses = new ArrayList<>(objects.size());
        for (SyncedObject o : objects) {
            statuses.add(switch (String.valueOf(o.type)) {
                case "Program" -> syncProgram(operation, o);
                case "Opportunity" -> syncOpportunity(operation, o);
                case "OpportunityPersonRole" -> syncRole(operation, o);
                default -> failed(o, "Invalid MObject type: " + o.type);
            });
        }
        return statuses;
    }

    private Status syncProgram(String operation, SyncedObject o) {
        if (!"UPDATE".equals(operation)) {
            return failed(o, "Program objects support only the UPDATE operation");
        }
        if (o.id == null || o.id < 1000 || o.id > 1999) {
            return failed(o, "Program not found: " + o.id);
        }
        Program program = programs.computeIfAbsent(o.id, Program::new);
        boolean changed = false;
        for (SyncedObject.TypeAttribute t : o.typeAttributes) {
            Map<String, String> a = t.attributes();
            if ("Cost".equals(t.attrType())) {
                if (a.get("Month") == null || a.get("Amount") == null) {
                    return failed(o, "Cost requires Month and Amount");
                }
                Integer costId = a.get("Id") == null ? Integer.valueOf(nextCostId++) : parse(a.get("Id"));
                if (costId == null) {
                    return failed(o, "Cost Id must be an integer");
                }
                Program.Cost cost = new Program.Cost(costId, a.get("Month"), a.get("Amount"), a.get("Note"));
                changed |= !cost.equals(program.costs.put(costId, cost));
            } else if ("Tag".equals(t.attrType())) {
                if (a.get("Type") == null || a.get("Value") == null) {
                    return failed(o, "Tag requires Type and Value");
                }
                changed |= !a.get("Value").equals(program.tags.put(a.get("Type"), a.get("Value")));
            } else {
                return failed(o, "Invalid attribute type for Program: " + t.attrType());
            }
        }
        return new Status(changed ? "UPDATED" : "UNCHANGED", o.id, null, null, null);
    }

    /**
     * Attribute names are checked for the whole call before anything is applied: Marketo answers an
     * unknown name with a fault for the call, not a per-object status (the reference's syncLead
     * capture, 20105; here 20110, Bad Parameter).
     */
    public void checkFields(List<SyncedObject> objects) throws MarketoFault {
        for (SyncedObject o : objects) {
            Set<String> known = "Opportunity".equals(o.type) ? OPPORTUNITY_FIELDS
                    : "OpportunityPersonRole".equals(o.type) ? ROLE_FIELDS : null;
            for (String name : o.attributes.keySet()) {
                if (known != null && !known.contains(name) && !name.equals(o.externalKeyName)) {
                    throw new MarketoFault(20110, "Bad Parameter", "Unknown " + o.type + " field: " + name);
                }
            }
        }
    }

    private Status syncOpportunity(String operation, SyncedObject o) {
        SyncedObject existing = o.id != null ? opportunities.get(o.id)
                : "INSERT".equals(operation) || o.externalKeyValue == null ? null
                : byExternalKey(o.externalKeyName, o.externalKeyValue);
        return apply(operation, o, existing, opportunities);
    }

    private Status syncRole(String operation, SyncedObject o) {
        Integer opportunityId = opportunityOf(o);
        if (opportunityId == null) {
            return failed(o, "Opportunity not found");
        }
        Integer personId = personOf(o);
        if (personId == null || personId < 1 || personId > 1_000_000) {
            return failed(o, "Lead not found");
        }
        o.attributes.put("OpportunityId", String.valueOf(opportunityId));
        o.attributes.put("PersonId", String.valueOf(personId));
        SyncedObject existing = o.id != null ? roles.get(o.id) : roles.values().stream()
                .filter(r -> r.attributes.get("OpportunityId").equals(o.attributes.get("OpportunityId"))
                        && r.attributes.get("PersonId").equals(o.attributes.get("PersonId")))
                .findFirst().orElse(null);
        return apply(operation, o, existing, roles);
    }

    private Status apply(String operation, SyncedObject o, SyncedObject existing, Map<Integer, SyncedObject> table) {
        if (existing == null) {
            if ("UPDATE".equals(operation)) {
                return new Status("SKIPPED", o.id, o.externalKeyName, o.externalKeyValue, null);
            }
            SyncedObject created = copyOf(o);
            created.id = nextId++;
            created.marketoGUID = guid(created);
            put(table, created);
            return new Status("CREATED", created.id, o.externalKeyName, o.externalKeyValue, null);
        }
        if ("INSERT".equals(operation)) {
            return new Status("SKIPPED", existing.id, o.externalKeyName, o.externalKeyValue, null);
        }
        Map<String, String> before = new LinkedHashMap<>(existing.attributes);
        existing.attributes.putAll(o.attributes);
        if (!o.associations.isEmpty()) {
            existing.associations = new ArrayList<>(o.associations);
        }
        String status = before.equals(existing.attributes) ? "UNCHANGED" : "UPDATED";
        return new Status(status, existing.id, o.externalKeyName, o.externalKeyValue, null);
    }

    /** The most recently added object with that key. */
    private SyncedObject byExternalKey(String name, String value) {
        SyncedObject found = null;
        for (SyncedObject candidate : opportunities.values()) {
            if (Objects.equals(candidate.externalKeyName, name) && Objects.equals(candidate.externalKeyValue, value)) {
                found = candidate;
            }
        }
        return found;
    }

    private Integer opportunityOf(SyncedObject o) {
        String attribute = o.attributes.get("OpportunityId");
        if (attribute != null) {
            Integer id = parse(attribute);
            return id != null && opportunities.containsKey(id) ? id : null;
        }
        SyncedObject.Association a = o.association("Opportunity");
        if (a == null) {
            return null;
        }
        if (a.id() != null) {
            return opportunities.containsKey(a.id()) ? a.id() : null;
        }
        SyncedObject byKey = byExternalKey(a.externalKeyName(), a.externalKeyValue());
        return byKey == null ? null : byKey.id;
    }

    private static Integer personOf(SyncedObject o) {
        String attribute = o.attributes.get("PersonId");
        if (attribute != null) {
            return parse(attribute);
        }
        SyncedObject.Association a = o.association("Lead");
        // Leads are not stored; any lead named by external key exists, as id 1.
        return a == null ? null : a.id() != null ? a.id() : a.externalKeyValue() != null ? Integer.valueOf(1) : null;
    }

    private static Integer parse(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Status failed(SyncedObject o, String error) {
        return new Status("FAILED", o.id, o.externalKeyName, o.externalKeyValue, error);
    }

    private static SyncedObject copyOf(SyncedObject o) {
        SyncedObject c = new SyncedObject();
        c.type = o.type;
        c.externalKeyName = o.externalKeyName;
        c.externalKeyValue = o.externalKeyValue;
        c.attributes.putAll(o.attributes);
        c.associations.addAll(o.associations);
        return c;
    }

    /**
     * getMObjects: Opportunities by id or by external key (every object with that key); roles by
     * id, or by their Opportunity and Lead associations.
     */
    synchronized List<SyncedObject> find(SoapMessages.Lookup lookup) {
        if ("OpportunityPersonRole".equals(lookup.type())) {
            if (lookup.id() != null) {
                return roles.containsKey(lookup.id()) ? List.of(roles.get(lookup.id())) : List.of();
            }
            String opportunity = String.valueOf(lookup.associations().get("Opportunity"));
            String person = String.valueOf(lookup.associations().get("Lead"));
            return roles.values().stream()
                    .filter(r -> opportunity.equals(r.attributes.get("OpportunityId")) && person.equals(r.attributes.get("PersonId")))
                    .toList();
        }
        if (!"Opportunity".equals(lookup.type())) {
            return List.of();
        }
        if (lookup.id() != null) {
            return opportunities.containsKey(lookup.id()) ? List.of(opportunities.get(lookup.id())) : List.of();
        }
        return opportunities.values().stream()
                .filter(o -> Objects.equals(o.externalKeyName, lookup.keyName())
                        && Objects.equals(o.externalKeyValue, lookup.keyValue()))
                .toList();
    }

    // ---- Marketo's REST API on the same data: records by externalOpportunityId or marketoGUID ----

    /**
     * Sync Opportunities: one result per record, with its {@code seq}. createOnly skips an existing
     * key (1017), updateOnly a missing one (1013); a field the instance does not have (1006) or a value
     * not of its field's type (1001) skips the record. Fields are stored under their SOAP attribute
     * names where SOAP has one, so that either API finds them.
     */
    public synchronized List<Map<String, Object>> syncOpportunityRecords(String action, List<Map<String, Object>> input) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int seq = 0; seq < input.size(); seq++) {
            Map<String, Object> record = input.get(seq);
            String key = string(record.get("externalOpportunityId"));
            String guid = string(record.get("marketoGUID"));
            if (key == null && (guid == null || !"updateOnly".equals(action))) {
                results.add(skipped(seq, 1002, "Missing value for required parameter 'externalOpportunityId'"));
                continue;
            }
            Map<String, Object> refusal = RestFields.refusal(RestFields.OPPORTUNITY, record);
            if (refusal != null) {
                results.add(skipped(seq, refusal));
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : record.entrySet()) {
                String name = field.getKey();
                if (name.equals("externalOpportunityId") || name.equals("marketoGUID")) {
                    continue;
                }
                String soapName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                attributes.put(OPPORTUNITY_FIELDS.contains(soapName) ? soapName : name, string(field.getValue()));
            }
            SyncedObject existing = key != null ? byKeyValue(key) : byGuid(opportunities, guid);
            results.add(applyRecord(seq, action, existing, opportunities, "Opportunity", key, attributes));
        }
        return results;
    }

    /** Sync Opportunity Roles: the key is externalOpportunityId, leadId and role, all required. */
    public synchronized List<Map<String, Object>> syncRoleRecords(String action, List<Map<String, Object>> input) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int seq = 0; seq < input.size(); seq++) {
            Map<String, Object> record = input.get(seq);
            String key = string(record.get("externalOpportunityId"));
            String lead = string(record.get("leadId"));
            String role = string(record.get("role"));
            if (key == null || lead == null || role == null) {
                results.add(skipped(seq, 1002, "Missing value for required parameter: externalOpportunityId, leadId and role"));
                continue;
            }
            Map<String, Object> refusal = RestFields.refusal(RestFields.ROLE, record);
            if (refusal != null) {
                results.add(skipped(seq, refusal));
                continue;
            }
            SyncedObject opportunity = byKeyValue(key);
            Integer leadId = parse(lead);
            if (opportunity == null || leadId == null || leadId < 1 || leadId > 1_000_000) {
                results.add(skipped(seq, 1003, opportunity == null ? "Invalid data: opportunity " + key + " not found"
                        : "Invalid data: lead " + lead + " not found"));
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("OpportunityId", String.valueOf(opportunity.id));
            attributes.put("PersonId", String.valueOf(leadId));
            attributes.put("Role", role);
            if (record.containsKey("isPrimary")) {
                attributes.put("IsPrimary", string(record.get("isPrimary")));
            }
            if (record.containsKey("externalCreatedDate")) {
                attributes.put("ExternalCreatedDate", string(record.get("externalCreatedDate")));
            }
            SyncedObject existing = roles.values().stream()
                    .filter(r -> attributes.get("OpportunityId").equals(r.attributes.get("OpportunityId"))
                            && attributes.get("PersonId").equals(r.attributes.get("PersonId"))
                            && role.equals(r.attributes.get("Role")))
                    .findFirst().orElse(null);
            results.add(applyRecord(seq, action, existing, roles, "OpportunityPersonRole", null, attributes));
        }
        return results;
    }

    private Map<String, Object> applyRecord(int seq, String action, SyncedObject existing, Map<Integer, SyncedObject> table,
                                            String type, String key, Map<String, String> attributes) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seq", seq);
        if (existing == null) {
            if ("updateOnly".equals(action)) {
                return skipped(seq, 1013, "Object not found");
            }
            SyncedObject created = new SyncedObject();
            created.type = type;
            created.id = nextId++;
            created.externalKeyName = key == null ? null : "externalOpportunityId";
            created.externalKeyValue = key;
            created.attributes.putAll(attributes);
            created.marketoGUID = guid(created);
            put(table, created);
            result.put("status", "created");
            result.put("marketoGUID", created.marketoGUID);
            return result;
        }
        if ("createOnly".equals(action)) {
            return skipped(seq, 1017, "Object already exists");
        }
        existing.attributes.putAll(attributes);
        result.put("status", "updated");
        result.put("marketoGUID", existing.marketoGUID);
        return result;
    }

    /** Get Opportunities by externalOpportunityId or marketoGUID. */
    public synchronized List<SyncedObject> findOpportunityRecords(String filterType, List<String> values) {
        return opportunities.values().stream()
                .filter(o -> values.contains("marketoGUID".equals(filterType) ? o.marketoGUID : o.externalKeyValue))
                .toList();
    }

    /** Update Program Metadata with {@code costs}: appended, whole numbers only. */
    public synchronized Program appendProgramCosts(int id, List<Map<String, Object>> costs) throws MarketoFault {
        Program program = existingProgram(id);
        for (Map<String, Object> cost : costs) {
            String start = string(cost.get("startDate"));
            Integer amount = parse(string(cost.get("cost")));
            if (start == null || start.length() < 7 || amount == null) {
                throw new MarketoFault(1003, "Invalid data", "costs need a startDate and a whole-number cost");
            }
            int costId = nextCostId++;
            program.costs.put(costId, new Program.Cost(costId, start.substring(0, 7), String.valueOf(amount),
                    string(cost.get("note"))));
        }
        return program;
    }

    /** Update Program Tag; the channel is not a tag REST can change, and the tag type must be the instance's. */
    public synchronized Program setProgramTag(int id, String type, String value) throws MarketoFault {
        if ("Channel".equalsIgnoreCase(type)) {
            throw new MarketoFault(709, "Business Rule Violation", "a program's channel cannot be changed");
        }
        if (!TAG_TYPES.contains(type)) {
            throw new MarketoFault(702, "No data found for a given search scenario", "Tag type '" + type + "' not found");
        }
        Program program = existingProgram(id);
        program.tags.put(type, value);
        return program;
    }

    private Program existingProgram(int id) throws MarketoFault {
        if (id < 1000 || id > 1999) {
            throw new MarketoFault(702, "No data found for a given search scenario", "Program " + id + " not found");
        }
        return programs.computeIfAbsent(id, Program::new);
    }

    private SyncedObject byKeyValue(String value) {
        return newestByKeyValue.get(value);
    }

    private void put(Map<Integer, SyncedObject> table, SyncedObject created) {
        table.put(created.id, created);
        if (table == opportunities && created.externalKeyValue != null) {
            newestByKeyValue.put(created.externalKeyValue, created);
        }
    }

    private static SyncedObject byGuid(Map<Integer, SyncedObject> table, String guid) {
        return table.values().stream().filter(o -> Objects.equals(o.marketoGUID, guid)).findFirst().orElse(null);
    }

    private static Map<String, Object> skipped(int seq, int code, String message) {
        return skipped(seq, Map.of("code", String.valueOf(code), "message", message));
    }

    private static Map<String, Object> skipped(int seq, Map<String, Object> reason) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seq", seq);
        result.put("status", "skipped");
        result.put("reasons", List.of(reason));
        return result;
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String guid(SyncedObject o) {
        return UUID.nameUUIDFromBytes((o.type + ":" + o.id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public synchronized List<SyncedObject> opportunities() {
        return List.copyOf(opportunities.values());
    }

    public synchronized List<SyncedObject> roles() {
        return List.copyOf(roles.values());
    }

    public synchronized Program program(int id) {
        return programs.get(id);
    }
}
