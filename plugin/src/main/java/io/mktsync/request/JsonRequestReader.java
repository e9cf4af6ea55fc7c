package io.mktsync.request;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form of a syncMObjects request (see the README, "JSON requests"):
 * <pre>{"operation":"INSERT","objects":[{"type":"Opportunity","externalKey":{"name":"..","value":".."},
 *   "attributes":{"Name":"Q1 2014"},"typeAttributes":[{"type":"Cost","attributes":{..}}],
 *   "associations":[{"type":"Company","id":12}]}]}</pre>
 */
public final class JsonRequestReader {

    public SyncRequest read(String json) throws RequestRejectedException {
        JsonObject root = parse(json);
        List<Problem> problems = new ArrayList<>();
        SyncOperation operation = Fields.operation(string(root, "operation", 0, problems), problems);
        List<MObject> objects = new ArrayList<>();
        JsonArray array = array(root, "objects", 0, problems);
        int index = 0;
        for (JsonValue value : array) {
            index++;
            if (value instanceof JsonObject o) {
                objects.add(mObject(o, index, problems));
            } else {
                problems.add(new Problem(index, null, "must be a JSON object"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(problems);
        }
        return new SyncRequest(operation, objects);
    }

    private static MObject mObject(JsonObject o, int index, List<Problem> problems) {
        List<TypeAttrib> typeAttribs = new ArrayList<>();
        for (JsonValue v : array(o, "typeAttributes", index, problems)) {
            if (v instanceof JsonObject t) {
                typeAttribs.add(new TypeAttrib(string(t, "type", index, problems),
                        attributes(t, index, problems)));
            } else {
                problems.add(new Problem(index, "typeAttributes", "each entry must be a JSON object"));
            }
        }
        List<Association> associations = new ArrayList<>();
        for (JsonValue v : array(o, "associations", index, problems)) {
            if (v instanceof JsonObject a) {
                associations.add(new Association(string(a, "type", index, problems),
                        integer(a, "id", index, problems), externalKey(a, index, problems)));
            } else {
                problems.add(new Problem(index, "associations", "each entry must be a JSON object"));
            }
        }
        return new MObject(string(o, "type", index, problems), integer(o, "id", index, problems),
                externalKey(o, index, problems), attributes(o, index, problems), typeAttribs, associations);
    }

    private static List<Attrib> attributes(JsonObject o, int index, List<Problem> problems) {
        JsonValue value = o.get("attributes");
        List<Attrib> attribs = new ArrayList<>();
        if (value == null || value == JsonValue.NULL) {
            return attribs;
        }
        if (!(value instanceof JsonObject map)) {
            problems.add(new Problem(index, "attributes", "must be a JSON object of name/value pairs"));
            return attribs;
        }
        for (Map.Entry<String, JsonValue> e : map.entrySet()) {
            String text = scalar(e.getValue());
            if (text == null) {
                problems.add(new Problem(index, e.getKey(), "must be a string, number or boolean"));
            } else {
                attribs.add(new Attrib(e.getKey(), text));
            }
        }
        return attribs;
    }

    private static Attrib externalKey(JsonObject o, int index, List<Problem> problems) {
        JsonValue value = o.get("externalKey");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject key)) {
            problems.add(new Problem(index, "externalKey", "must be an object with name and value"));
            return null;
        }
        return new Attrib(string(key, "name", index, problems), scalar(key.get("value")));
    }

    private static String string(JsonObject o, String name, int index, List<Problem> problems) {
        JsonValue value = o.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        problems.add(new Problem(index, name, "must be a string"));
        return null;
    }

    private static Integer integer(JsonObject o, String name, int index, List<Problem> problems) {
        JsonValue value = o.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            return Fields.integer(n.toString(), index, name, problems);
        }
        if (value instanceof JsonString s) {
            return Fields.integer(s.getString(), index, name, problems);
        }
        problems.add(new Problem(index, name, "must be an integer"));
        return null;
    }

    private static JsonArray array(JsonObject o, String name, int index, List<Problem> problems) {
        JsonValue value = o.get(name);
        if (value instanceof JsonArray a) {
            return a;
        }
        if (value != null && value != JsonValue.NULL) {
            problems.add(new Problem(index, name, "must be a JSON array"));
        }
        return JsonValue.EMPTY_JSON_ARRAY;
    }

    /** Marketo values are strings; numbers keep their exact lexical form (2000.00 stays 2000.00). */
    private static String scalar(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        return null;
    }

    private static JsonObject parse(String json) throws RequestRejectedException {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject o) {
                return o;
            }
            throw new RequestRejectedException(Problem.ofRequest("body", "must be a JSON object"));
        } catch (RuntimeException e) {
            // JsonException, and Parsson's own limits (nesting depth) as plain runtime exceptions.
            throw new RequestRejectedException(Problem.ofRequest("body", "is not valid JSON: " + e.getMessage()));
        }
    }
}
