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

    static Optional<String> valueOf(List<Attrib> attribs, String name) {
        return attribs.stream().filter(a -> name.equals(a.name())).map(Attrib::value).findFirst();
    }
}
