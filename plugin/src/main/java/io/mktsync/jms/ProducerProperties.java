package io.mktsync.jms;

import io.mktsync.request.Jsonp;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

/**
 * A request's own properties, as its producer set them, kept in the store as JSON with their JMS
 * types, so that a parked or dead-lettered copy carries them. The broker's ({@code JMSX*},
 * {@code _AMQ_*}) and mktsync's ({@code mktsync_*}) are not the producer's and are not kept, except
 * {@code mktsync_requestId}, which is.
 */
public final class ProducerProperties {

    private ProducerProperties() {
    }

    static Map<String, Object> of(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object property : Collections.list((java.util.Enumeration<?>) message.getPropertyNames())) {
            String name = (String) property;
            if (isProducers(name)) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        return properties;
    }

    static boolean isProducers(String name) {
        return !name.startsWith("JMSX") && !name.startsWith("_AMQ") && !name.startsWith("_HQ")
                && (!name.startsWith(RequestReader.PREFIX) || name.equals(RequestReader.REQUEST_ID));
    }

    public static String toJson(Map<String, Object> properties) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Jsonp.PROVIDER.createGenerator(out)) {
            json.writeStartObject();
            properties.forEach((name, value) -> json.writeStartObject(name)
                    .write("type", value.getClass().getSimpleName()).write("value", String.valueOf(value)).writeEnd());
            json.writeEnd();
        }
        return out.toString();
    }

    public static Map<String, Object> fromJson(String text) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            for (Map.Entry<String, JsonValue> p : reader.readObject().entrySet()) {
                JsonObject typed = p.getValue().asJsonObject();
                String value = typed.getString("value");
                properties.put(p.getKey(), switch (typed.getString("type")) {
                    case "Boolean" -> Boolean.valueOf(value);
                    case "Byte" -> Byte.valueOf(value);
                    case "Short" -> Short.valueOf(value);
                    case "Integer" -> Integer.valueOf(value);
                    case "Long" -> Long.valueOf(value);
                    case "Float" -> Float.valueOf(value);
                    case "Double" -> Double.valueOf(value);
                    default -> value;
                });
            }
        }
        return properties;
    }
}
