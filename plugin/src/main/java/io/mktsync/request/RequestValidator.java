package io.mktsync.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a request against what syncMObjects accepts, before any Marketo call is spent on it.
 * Every problem is reported, not only the first, so a sender can fix a request in one go. What
 * passes has every field the backends read (names, values, keys, types), nothing said twice, and
 * only text that reaches Marketo unchanged (see {@link Texts}).
 */
public final class RequestValidator {

    private static final Set<String> TYPES = Set.of(MObject.PROGRAM, MObject.OPPORTUNITY, MObject.OPPORTUNITY_PERSON_ROLE);
    private static final Set<String> ASSOCIATION_TYPES = Set.of("Company", "Lead", "Opportunity");
    /** A Program's typeAttrib attributes, as Marketo's syncMObjects documentation lists them. */
    private static final Map<String, Set<String>> TYPE_ATTRIBUTES = Map.of(
            "Cost", Set.of("Month", "Amount", "Id", "Note"),
            "Tag", Set.of("Type", "Value"));
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** A tag type is a segment of the asset API's URL ({@code /program/{id}/tag/{type}.json}). */
    private static final Pattern URL_SYNTAX = Pattern.compile("[/?#%]|\\.\\.");

    /**
     * Attribute names (in lower case: REST's field is the name with a lower-case first letter, and
     * Marketo's names are not case-sensitive) of fields the backends fill from an object's key, id
     * or associations. An attribute of that name would override them, and Marketo would write
     * another record than the one the reply names. From RestMapping: externalOpportunityId (an
     * Opportunity's externalKey, a role's Opportunity association), externalCompanyId (the Company
     * association), leadId (a role's PersonId or Lead association), marketoGUID (REST's record id);
     * from SoapMapping: id (the MObject's id).
     */
    private static final Set<String> DERIVED_FIELDS =
            Set.of("externalopportunityid", "externalcompanyid", "leadid", "marketoguid", "id");

    /** A role's fields the backends read by these exact names; another spelling would go on as a field of its own. */
    private static final List<String> ROLE_FIELDS = List.of("OpportunityId", "PersonId", "Role", "IsPrimary");

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
                checkTexts(o, index, problems);
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
        checkAttribs(o.attributes(), index, "", problems);
        Set<String> mObjTypes = new HashSet<>();
        for (Association a : o.associations()) {
            checkAssociation(a, index, problems);
            if (a.mObjType() != null && !mObjTypes.add(a.mObjType())) {
                problems.add(new Problem(index, "associationList.mObjType", "'" + Fields.abbreviate(a.mObjType())
                        + "' is associated more than once; an object has one of each"));
            }
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
        // Marketo takes a Program's data in typeAttribList only, and the REST backend sends nothing else.
        if (!o.attributes().isEmpty()) {
            problems.add(new Problem(index, "attribList", "a Program update takes Costs and Tags (typeAttribList) only"));
        }
        if (!o.associations().isEmpty()) {
            problems.add(new Problem(index, "associationList", "a Program has no associations"));
        }
        Set<String> tagTypes = new HashSet<>();
        for (TypeAttrib t : o.typeAttributes()) {
            Set<String> names = t.attrType() == null ? null : TYPE_ATTRIBUTES.get(t.attrType());
            if (names == null) {
                problems.add(new Problem(index, "attrType", t.attrType() == null ? "is missing; use Cost or Tag"
                        : "'" + Fields.abbreviate(t.attrType()) + "' is not a Program attribute type; use Cost or Tag"));
                continue;
            }
            boolean complete = checkAttribs(t.attributes(), index, t.attrType() + ".", problems);
            for (Attrib a : t.attributes()) {
                if (a.name() != null && !names.contains(a.name())) {
                    problems.add(new Problem(index, t.attrType() + "." + a.name(), "is not a " + t.attrType()
                            + " attribute; use " + String.join(", ", names.stream().sorted().toList())));
                }
            }
            if (!complete) {
                continue; // a name or value already reported missing would be reported again below
            }
            if ("Cost".equals(t.attrType())) {
                checkCost(t, index, problems);
            } else {
                checkTag(t, index, tagTypes, problems);
            }
        }
    }

    private static void checkCost(TypeAttrib cost, int index, List<Problem> problems) {
        String month = cost.value("Month").orElse(null);
        if (month == null || !MONTH.matcher(Fields.trim(month)).matches()) {
            problems.add(new Problem(index, "Cost.Month", month == null ? "is missing; use YYYY-MM"
                    : "must be YYYY-MM, was '" + Fields.abbreviate(month) + "'"));
        }
        String amount = cost.value("Amount").orElse(null);
        if (amount == null || !AMOUNT.matcher(Fields.trim(amount)).matches()) {
            problems.add(new Problem(index, "Cost.Amount", amount == null ? "is missing"
                    : "must be a number, was '" + Fields.abbreviate(amount) + "'"));
        }
        cost.value("Id").ifPresent(id -> Fields.id(id, index, "Cost.Id", problems));
    }

    private static void checkTag(TypeAttrib tag, int index, Set<String> tagTypes, List<Problem> problems) {
        String type = tag.value("Type").orElse(null);
        if (isBlank(type)) {
            problems.add(new Problem(index, "Tag.Type", "is missing"));
        } else {
            if (URL_SYNTAX.matcher(type).find()) {
                problems.add(new Problem(index, "Tag.Type", "'" + Fields.abbreviate(type)
                        + "' holds / ? # % or .., which no tag type has"));
            }
            if (!tagTypes.add(type.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(index, "Tag.Type", "'" + Fields.abbreviate(type)
                        + "' is set more than once; a Program has one value per tag type"));
            }
        }
        if (isBlank(tag.value("Value").orElse(null))) {
            problems.add(new Problem(index, "Tag.Value", "is missing"));
        }
    }

    private static void checkOpportunity(MObject o, int index, SyncOperation operation, List<Problem> problems) {
        if (operation == SyncOperation.UPDATE && o.id() == null && o.externalKey() == null) {
            problems.add(new Problem(index, "id", "an Opportunity UPDATE needs its id or externalKey"));
        }
        checkNotProgramData(o, index, problems);
        checkDerivedFields(o, index, problems);
    }

    private static void checkPersonRole(MObject o, int index, List<Problem> problems) {
        checkRoleEnd(o, index, "OpportunityId", "Opportunity", problems);
        checkRoleEnd(o, index, "PersonId", "Lead", problems);
        checkNotProgramData(o, index, problems);
        checkDerivedFields(o, index, problems);
        for (Attrib a : o.attributes()) {
            ROLE_FIELDS.stream().filter(f -> f.equalsIgnoreCase(a.name()) && !f.equals(a.name())).findFirst()
                    .ifPresent(f -> problems.add(new Problem(index, a.name(), "is written " + f + " in a role")));
        }
    }

    /** Only a Program has Costs and Tags; the REST backend would drop them unsaid. */
    private static void checkNotProgramData(MObject o, int index, List<Problem> problems) {
        if (!o.typeAttributes().isEmpty()) {
            problems.add(new Problem(index, "typeAttribList", "only a Program has Costs and Tags"));
        }
    }

    /** No attribute may say again, and perhaps otherwise, what the key, id or associations say. */
    private static void checkDerivedFields(MObject o, int index, List<Problem> problems) {
        for (Attrib a : o.attributes()) {
            if (a.name() == null) {
                continue;
            }
            if (DERIVED_FIELDS.contains(a.name().toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(index, a.name(), "is set from the object's externalKey, id or associations;"
                        + " it cannot be given as an attribute"));
            }
            // Marketo's blog repeats the key field in attribList to set it: the same value is fine.
            Attrib key = o.externalKey();
            if (key != null && a.name().equalsIgnoreCase(key.name()) && !Objects.equals(a.value(), key.value())) {
                problems.add(new Problem(index, a.name(), "names the externalKey's field with another value than"
                        + " the key's; give the key's value once, in externalKey"));
            }
        }
    }

    /** A role names its opportunity and its person by attribute or, as Marketo's blog does, by association. */
    private static void checkRoleEnd(MObject o, int index, String attribute, String association, List<Problem> problems) {
        String value = o.attribute(attribute).orElse(null);
        boolean associated = o.association(association).isPresent();
        if (value != null) {
            Fields.id(value, index, attribute, problems);
            if (associated) {
                problems.add(new Problem(index, attribute, "is given twice, as attribute and as an association of"
                        + " mObjType " + association + "; give one"));
            }
        } else if (!associated) {
            problems.add(new Problem(index, attribute, "is missing; give " + attribute
                    + " or an association of mObjType " + association));
        }
    }

    private static void checkAssociation(Association a, int index, List<Problem> problems) {
        if (a.mObjType() == null || !ASSOCIATION_TYPES.contains(a.mObjType())) {
            problems.add(new Problem(index, "associationList.mObjType", a.mObjType() == null
                    ? "is missing; use Company, Lead or Opportunity"
                    : "must be Company, Lead or Opportunity, was '" + Fields.abbreviate(a.mObjType()) + "'"));
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

    /**
     * Every attribute has a name and a value (an empty value clears a field; a missing one is a
     * gap the backends cannot send), and no name is given twice: Marketo's field names ignore case.
     * Whether every attribute has its name and value.
     */
    private static boolean checkAttribs(List<Attrib> attribs, int index, String prefix, List<Problem> problems) {
        boolean complete = true;
        Set<String> names = new HashSet<>();
        for (Attrib a : attribs) {
            if (isBlank(a.name())) {
                problems.add(new Problem(index, prefix + "attrib.name", "is missing: an attribute needs a name"
                        + (a.value() == null ? "" : " (its value is '" + Fields.abbreviate(a.value()) + "')")));
                complete = false;
                continue;
            }
            if (a.value() == null) {
                complete = false;
                problems.add(new Problem(index, prefix + a.name(), "has no value; send an empty value to clear the field"));
            }
            if (!names.add(a.name().toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(index, prefix + a.name(), "is given more than once in one object"
                        + " (names are compared ignoring case); give it once"));
            }
        }
        return complete;
    }

    /** One piece of text of an object: where it is, what it is, and whether it is a name (or key) or free text. */
    private record Text(String field, String what, String value, boolean name) {
    }

    /** Every text of an object against {@link Texts}' rules and the length limit. */
    private void checkTexts(MObject o, int index, List<Problem> problems) {
        for (Text t : texts(o)) {
            if (t.value() == null) {
                continue;
            }
            String problem = t.name() ? Texts.nameProblem(t.value()) : Texts.valueProblem(t.value());
            if (problem != null) {
                problems.add(new Problem(index, t.field(), t.what() + " " + problem));
            }
            if (t.value().length() > maxValueLength) {
                problems.add(new Problem(index, t.field(), t.what() + " is " + t.value().length()
                        + " characters long, over the limit of " + maxValueLength + " (mktsync.request.max-value-length)"));
            }
        }
    }

    private static List<Text> texts(MObject o) {
        List<Text> texts = new ArrayList<>();
        texts.add(new Text("type", "type", o.type(), true));
        keyTexts(o.externalKey(), "externalKey", texts);
        for (Attrib a : o.attributes()) {
            texts.add(new Text(a.name(), "name", a.name(), true));
            texts.add(new Text(a.name(), "value", a.value(), false));
        }
        for (TypeAttrib t : o.typeAttributes()) {
            texts.add(new Text("attrType", "attrType", t.attrType(), true));
            for (Attrib a : t.attributes()) {
                String field = t.attrType() + "." + a.name();
                texts.add(new Text(field, "name", a.name(), true));
                // A tag's type and value are names from Marketo's list of tags; a Cost's Note is free text.
                texts.add(new Text(field, "value", a.value(), "Tag".equals(t.attrType())));
            }
        }
        for (Association a : o.associations()) {
            texts.add(new Text("associationList.mObjType", "mObjType", a.mObjType(), true));
            keyTexts(a.externalKey(), "associationList.externalKey", texts);
        }
        return texts;
    }

    /** A key's value is a lookup filter (REST's filterValues) as much as its name is a field: both are names. */
    private static void keyTexts(Attrib key, String field, List<Text> texts) {
        if (key != null) {
            texts.add(new Text(field, "name", key.name(), true));
            texts.add(new Text(field, "value", key.value(), true));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
