package io.mktsync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MObject of a syncMObjects call as the simulator reads it off the wire, and also the stored
 * form of Opportunities and roles.
 */
public class SyncedObject {

    public String type;
    public Integer id;
    /** What Marketo's REST API calls the object by; SOAP knows it by {@link #id}. */
    public String marketoGUID;
    public String externalKeyName;
    public String externalKeyValue;
    public Map<String, String> attributes = new LinkedHashMap<>();
    /** Program data (Cost, Tag), in request order. */
    public List<TypeAttribute> typeAttributes = new ArrayList<>();
    /** mObjType, id or externalKey value. */
    public List<Association> associations = new ArrayList<>();

    public record TypeAttribute(String attrType, Map<String, String> attributes) {
    }

    public record Association(String mObjType, Integer id, String externalKeyName, String externalKeyValue) {
    }

    Association association(String mObjType) {
        return associations.stream().filter(a -> mObjType.equals(a.mObjType())).findFirst().orElse(null);
    }
}
