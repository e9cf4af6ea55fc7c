package io.mktsync.request;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON form of a syncMObjects request (see docs/jms-contract.md, "Requests"):
 * <pre>{"operation":"INSERT","objects":[{"type":"Opportunity","externalKey":{"name":"..","value":".."},
 *   "attributes":{"Name":"Q1 2014"},"typeAttributes":[{"type":"Cost","attributes":{..}}],
 *   "associations":[{"type":"Company","id":12}]}]}</pre>
 * Nothing is dropped silently: a member named twice (which JSON-P resolves by keeping one) or a
 * member this form does not have is reported, not ignored.
 */
public final class JsonRequestReader {

    private static final Set<String> REQUEST_MEMBERS = Set.of("operation", "objects");
    private static final Set<String> OBJECT_MEMBERS =
            Set.of("type", "id", "externalKey", "attributes", "typeAttributes", "associations");
    private static final Set<String> TYPE_ATTRIBUTE_MEMBERS = Set.of("type", "attributes");
    private static final Set<String> ASSOCIATION_MEMBERS = Set.of("type", "id", "externalKey");
    private static final Set<String> KEY_MEMBERS = Set.of("name", "value");

    public SyncRequest read(String json) throws RequestRejectedException {
        List<Problem> problems = new ArrayList<>();
        JsonObject root = parse(json, problems);
        members(root, REQUEST_MEMBERS, 0, "", problems);
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
        members(o, OBJECT_MEMBERS, index, "", problems);
        List<TypeAttrib> typeAttribs = new ArrayList<>();
        for (JsonValue v : array(o, "typeAttributes", index, problems)) {
            if (v instanceof JsonObject t) {
                members(t, TYPE_ATTRIBUTE_MEMBERS, index, "typeAttributes.", problems);
                typeAttribs.add(new TypeAttrib(string(t, "type", index, problems),
                        attributes(t, index, problems)));
            } else {
                problems.add(new Problem(index, "typeAttributes", "each entry must be a JSON object"));
            }
        }
        List<Association> associations = new ArrayList<>();
        for (JsonValue v : array(o, "associations", index, problems)) {
            if (v instanceof JsonObject a) {
                members(a, ASSOCIATION_MEMBERS, index, "associations.", problems);
                associations.add(new Association(string(a, "type", index, problems),
                        id(a, index, problems), externalKey(a, index, problems)));
            } else {
                problems.add(new Problem(index, "associations", "each entry must be a JSON object"));
            }
        }
        return new MObject(string(o, "type", index, problems), id(o, index, problems),
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
        members(key, KEY_MEMBERS, index, "externalKey.", problems);
        return new Attrib(string(key, "name", index, problems), scalar(key.get("value")));
    }

    /** Members the JSON form does not have would be ignored: a misspelt "attribute" would lose its data. */
    private static void members(JsonObject o, Set<String> known, int index, String path, List<Problem> problems) {
        for (String name : o.keySet()) {
            if (!known.contains(name)) {
                problems.add(new Problem(index, path + name, "is not a member of this JSON form; use "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
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

    private static Integer id(JsonObject o, int index, List<Problem> problems) {
        JsonValue value = o.get("id");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            return Fields.id(n.toString(), index, "id", problems);
        }
        if (value instanceof JsonString s) {
            return Fields.id(s.getString(), index, "id", problems);
        }
        problems.add(new Problem(index, "id", "must be an integer"));
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

    /** The root object; {@code problems} gets the members named twice. */
    private static JsonObject parse(String json, List<Problem> problems) throws RequestRejectedException {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                throw new RequestRejectedException(Problem.ofRequest("body", "must be a JSON object"));
            }
            // Also finds text after the object (a second request, ignored by readValue).
            problems.addAll(duplicateMembers(json));
            return o;
        } catch (RuntimeException e) {
            // JsonException, and Parsson's own limits (nesting depth) as plain runtime exceptions.
            throw new RequestRejectedException(Problem.ofRequest("body", "is not valid JSON: " + e.getMessage()));
        }
    }

    /**
     * Every member name given twice in one JSON object. JSON-P keeps only one of them (Parsson the
     * last; its reject-duplicates switch is Parsson's own and names no place), so the text is read
     * once more as a stream of events, after the reader has accepted it, tracking where each
     * member is: {@code objects[2].attributes.Name} is object 2, field {@code attributes.Name}.
     */
    private static List<Problem> duplicateMembers(String json) {
        List<Problem> problems = new ArrayList<>();
        Deque<Container> open = new ArrayDeque<>();
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(json))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                Container current = open.peek();
                if (event == JsonParser.Event.KEY_NAME) {
                    String name = parser.getString();
                    current.member = name;
                    if (!current.names.add(name)) {
                        problems.add(duplicate(open, name));
                    }
                    continue;
                }
                if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    open.pop();
                    continue;
                }
                if (current != null && current.names == null) {
                    current.index++;
                }
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    open.push(new Container(event == JsonParser.Event.START_OBJECT));
                }
            }
        }
        return problems;
    }

    private static Problem duplicate(Deque<Container> open, String name) {
        List<Container> outward = new ArrayList<>(open);
        List<Object> path = new ArrayList<>();
        for (int i = outward.size() - 1; i >= 1; i--) {
            Container c = outward.get(i);
            path.add(c.names != null ? c.member : (Object) c.index);
        }
        path.add(name);
        int object = 0;
        if (path.size() > 2 && "objects".equals(path.get(0)) && path.get(1) instanceof Integer n) {
            object = n;
            path = path.subList(2, path.size());
        }
        StringBuilder field = new StringBuilder();
        for (Object step : path) {
            field.append(step instanceof Integer n ? "[" + n + "]" : (field.isEmpty() ? "" : ".") + step);
        }
        return new Problem(object, field.toString(), "appears more than once in one JSON object; give it once");
    }

    /** A JSON object (its member names so far, the member being read) or array (the 1-based entry being read). */
    private static final class Container {
        final Set<String> names;
        String member;
        int index;

        Container(boolean object) {
            names = object ? new HashSet<>() : null;
        }
    }
}
