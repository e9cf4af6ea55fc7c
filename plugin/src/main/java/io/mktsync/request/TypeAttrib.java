package io.mktsync.request;

import java.util.List;
import java.util.Optional;

/** A typed attribute group of a Program: {@code Cost} or {@code Tag} with its attribute list. */
public record TypeAttrib(String attrType, List<Attrib> attributes) {

    public TypeAttrib {
        attributes = List.copyOf(attributes);
    }

    public Optional<String> value(String name) {
        return MObject.valueOf(attributes, name);
    }
}
