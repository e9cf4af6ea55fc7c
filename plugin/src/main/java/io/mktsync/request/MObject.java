package io.mktsync.request;

import java.util.List;
import java.util.Optional;

/**
 * One Marketo object of a syncMObjects request, independent of the wire format it came in and of
 * the Marketo API that will apply it.
 */
public record MObject(String type, Integer id, Attrib externalKey, List<Attrib> attributes,
                      List<TypeAttrib> typeAttributes, List<Association> associations) {

    public static final String PROGRAM = "Program";
    public static final String OPPORTUNITY = "Opportunity";
    public static final String OPPORTUNITY_PERSON_ROLE = "OpportunityPersonRole";

    public MObject {
        attributes = List.copyOf(attributes);
        typeAttributes = List.copyOf(typeAttributes);
        associations = List.copyOf(associations);
    }

    public Optional<String> attribute(String name) {
        return valueOf(attributes, name);
    }

    public Optional<Association> association(String mObjType) {
        return associations.stream().filter(a -> mObjType.equals(a.mObjType())).findFirst();
    }

    /** An OpportunityPersonRole's opportunity and person, both by Marketo id. */
    public record RoleEnds(int opportunityId, int personId) {
    }

    /**
     * The role's opportunity and person ids, from the attributes or from associations by id;
     * empty when either is missing or given only by an external key.
     */
    public Optional<RoleEnds> roleEnds() {
        if (!OPPORTUNITY_PERSON_ROLE.equals(type)) {
            return Optional.empty();
        }
        Optional<Integer> opportunity = endId("OpportunityId", "Opportunity");
        Optional<Integer> person = endId("PersonId", "Lead");
        return opportunity.isPresent() && person.isPresent()
                ? Optional.of(new RoleEnds(opportunity.get(), person.get())) : Optional.empty();
    }

    private Optional<Integer> endId(String attributeName, String mObjType) {
        Optional<String> attribute = attribute(attributeName);
        if (attribute.isPresent()) {
            return Optional.ofNullable(Fields.id(attribute.get()));
        }
        return association(mObjType).map(Association::id);
    }

    static Optional<String> valueOf(List<Attrib> attribs, String name) {
        return attribs.stream().filter(a -> name.equals(a.name())).findFirst().map(Attrib::value);
    }
}
