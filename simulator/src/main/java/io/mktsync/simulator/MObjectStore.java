package io.mktsync.simulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private static final int SEEDED_OPPORTUNITIES = 100;
    private static final int FIRST_NEW_ID = 1001;

    public record Status(String status, Integer id, String keyName, String keyValue, String error) {
    }

    private final Map<Integer, SyncedObject> opportunities = new LinkedHashMap<>();
    private final Map<Integer, SyncedObject> roles = new LinkedHashMap<>();
    private final Map<Integer, Program> programs = new HashMap<>();
    private int nextId;
    private int nextCostId;

    @PostConstruct
    public synchronized void reset() {
        opportunities.clear();
        roles.clear();
        programs.clear();
        for (int id = 1; id <= SEEDED_OPPORTUNITIES; id++) {
            SyncedObject seed = new SyncedObject();
            seed.type = "Opportunity";
            seed.id = id;
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
            table.put(created.id, created);
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
