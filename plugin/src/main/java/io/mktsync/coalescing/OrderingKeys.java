package io.mktsync.coalescing;

import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import java.util.HashSet;
import java.util.Set;

/**
 * What an object changes and what it depends on, as keys: two objects whose keys meet must reach
 * Marketo in arrival order, in different calls. An object <em>writes</em> the keys that identify it
 * (its id, its external key; a role also its opportunity and person) and <em>reads</em> the
 * opportunity a role refers to. Writes meet writes and reads; reads do not meet reads, so many roles
 * of one opportunity still share a call.
 */
public record OrderingKeys(Set<String> writes, Set<String> reads) {

    public static OrderingKeys of(MObject object) {
        Set<String> writes = new HashSet<>();
        Set<String> reads = new HashSet<>();
        if (object.id() != null) {
            writes.add(object.type() + "#id:" + object.id());
        }
        if (object.externalKey() != null) {
            writes.add(keyOf(object.type(), object.externalKey()));
        }
        if (MObject.OPPORTUNITY_PERSON_ROLE.equals(object.type())) {
            object.roleEnds().ifPresent(e -> writes.add(object.type() + "#ends:" + e.opportunityId() + "/" + e.personId()));
            object.attribute("OpportunityId").map(String::trim)
                    .ifPresent(id -> reads.add(MObject.OPPORTUNITY + "#id:" + id));
            object.association(MObject.OPPORTUNITY).ifPresent(a -> reads.add(opportunityOf(a)));
        }
        return new OrderingKeys(Set.copyOf(writes), Set.copyOf(reads));
    }

    private static String opportunityOf(Association a) {
        return a.id() != null ? MObject.OPPORTUNITY + "#id:" + a.id()
                : a.externalKey() != null ? keyOf(MObject.OPPORTUNITY, a.externalKey()) : MObject.OPPORTUNITY + "#?";
    }

    private static String keyOf(String type, Attrib key) {
        return type + "#key:" + key.name() + "=" + key.value();
    }
}
