package io.mktsync.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a request against what syncMObjects accepts, before any Marketo call is spent on it.
 * Every problem is reported, not only the first, so a sender can fix a request in one go.
 */
public final class RequestValidator {

    private static final Set<String> TYPES = Set.of(MObject.PROGRAM, MObject.OPPORTUNITY, MObject.OPPORTUNITY_PERSON_ROLE);
    private static final Set<String> ASSOCIATION_TYPES = Set.of("Company", "Lead", "Opportunity");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final int maxObjects;
    private final int maxValueLength;

    public RequestValidator(int maxObjects, int maxValueLength) {
        this.maxObjects = maxObjects;
        this.maxValueLength = maxValueLength;
    }

    public void validate(SyncRequest request) throws RequestRejectedException {
        List<Problem> problems = new ArrayList<>();
        if (request.objects().isEmpty()) {
            problems.add(Problem.ofRequest("mObjectList", "holds no object"));
        } else if (request.objects().size() > maxObjects) {
            problems.add(Problem.ofRequest("mObjectList", "holds " + request.objects().size()
                    + " objects; at most " + maxObjects + " are accepted in one message"));
        } else {
            int index = 0;
            for (MObject o : request.objects()) {
                validate(o, ++index, request.operation(), problems);
                checkLengths(o, index, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(problems);
        }
    }

    private static void validate(MObject o, int index, SyncOperation operation, List<Problem> problems) {
        if (o.type() == null || o.type().isBlank()) {
            problems.add(new Problem(index, "type", "is missing; use Program, Opportunity or OpportunityPersonRole"));
            return;
        }
        if (!TYPES.contains(o.type())) {
            problems.add(new Problem(index, "type", "'" + Fields.abbreviate(o.type())
                    + "' is not a syncMObjects type; use Program, Opportunity or OpportunityPersonRole"));
            return;
        }
        checkKey(o.externalKey(), index, "externalKey", problems);
        for (Association a : o.associations()) {
            checkAssociation(a, index, problems);
        }
        switch (o.type()) {
            case MObject.PROGRAM -> checkProgram(o, index, operation, problems);
            case MObject.OPPORTUNITY -> checkOpportunity(o, index, operation, problems);
            default -> checkPersonRole(o, index, problems);
        }
    }

    private static void checkProgram(MObject o, int index, SyncOperation operation, List<Problem> problems) {
        if (operation != null && operation != SyncOperation.UPDATE) {
            problems.add(new Problem(index, "operation", "a Program can only be synced with UPDATE, not " + operation));
        }
        if (o.id() == null) {
            problems.add(new Problem(index, "id", "a Program is addressed by its id, which is missing"));
        }
        if (o.typeAttributes().isEmpty()) {
            problems.add(new Problem(index, "typeAttribList", "a Program update needs at least one Cost or Tag"));
        }
        for (TypeAttrib t : o.typeAttributes()) {
            if ("Cost".equals(t.attrType())) {
                String month = t.value("Month").orElse(null);
                if (month == null || !MONTH.matcher(month.trim()).matches()) {
                    problems.add(new Problem(index, "Cost.Month", month == null ? "is missing; use YYYY-MM"
                            : "must be YYYY-MM, was '" + Fields.abbreviate(month) + "'"));
                }
                String amount = t.value("Amount").orElse(null);
                if (amount == null || !AMOUNT.matcher(amount.trim()).matches()) {
                    problems.add(new Problem(index, "Cost.Amount", amount == null ? "is missing"
                            : "must be a number, was '" + Fields.abbreviate(amount) + "'"));
                }
            } else if ("Tag".equals(t.attrType())) {
                if (isBlank(t.value("Type").orElse(null))) {
                    problems.add(new Problem(index, "Tag.Type", "is missing"));
                }
                if (isBlank(t.value("Value").orElse(null))) {
                    problems.add(new Problem(index, "Tag.Value", "is missing"));
                }
            } else {
                problems.add(new Problem(index, "attrType", "'" + Fields.abbreviate(String.valueOf(t.attrType()))
                        + "' is not a Program attribute type; use Cost or Tag"));
            }
        }
    }

    private static void checkOpportunity(MObject o, int index, SyncOperation operation, List<Problem> problems) {
        if (operation == SyncOperation.UPDATE && o.id() == null && o.externalKey() == null) {
            problems.add(new Problem(index, "id", "an Opportunity UPDATE needs its id or externalKey"));
        }
    }

    private static void checkPersonRole(MObject o, int index, List<Problem> problems) {
        checkRoleEnd(o, index, "OpportunityId", "Opportunity", problems);
        checkRoleEnd(o, index, "PersonId", "Lead", problems);
    }

    /** A role names its opportunity and its person by attribute or, as Marketo's blog does, by association. */
    private static void checkRoleEnd(MObject o, int index, String attribute, String association, List<Problem> problems) {
        String value = o.attribute(attribute).orElse(null);
        if (value != null) {
            if (!value.trim().matches("\\d+")) {
                problems.add(new Problem(index, attribute, "must be an integer id, was '" + Fields.abbreviate(value) + "'"));
            }
        } else if (o.association(association).isEmpty()) {
            problems.add(new Problem(index, attribute, "is missing; give " + attribute
                    + " or an association of mObjType " + association));
        }
    }

    private static void checkAssociation(Association a, int index, List<Problem> problems) {
        if (a.mObjType() == null || !ASSOCIATION_TYPES.contains(a.mObjType())) {
            problems.add(new Problem(index, "associationList.mObjType", "must be Company, Lead or Opportunity, was '"
                    + Fields.abbreviate(String.valueOf(a.mObjType())) + "'"));
        }
        if (a.id() == null && a.externalKey() == null) {
            problems.add(new Problem(index, "associationList", "an association needs an id or an externalKey"));
        }
        checkKey(a.externalKey(), index, "associationList.externalKey", problems);
    }

    private static void checkKey(Attrib key, int index, String field, List<Problem> problems) {
        if (key != null && (isBlank(key.name()) || isBlank(key.value()))) {
            problems.add(new Problem(index, field, "needs both a name and a value"));
        }
    }

    /** No Marketo field holds more; a huge value is a mistake or an attack, and cheap to refuse here. */
    private void checkLengths(MObject o, int index, List<Problem> problems) {
        List<Attrib> all = new ArrayList<>(o.attributes());
        o.typeAttributes().forEach(t -> all.addAll(t.attributes()));
        if (o.externalKey() != null) {
            all.add(o.externalKey());
        }
        for (Attrib a : all) {
            if (a.value() != null && a.value().length() > maxValueLength) {
                problems.add(new Problem(index, a.name(), "value is " + a.value().length()
                        + " characters long, over the limit of " + maxValueLength + " (mktsync.request.max-value-length)"));
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
