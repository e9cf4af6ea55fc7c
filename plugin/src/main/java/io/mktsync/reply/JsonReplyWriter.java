package io.mktsync.reply;

import io.mktsync.request.Jsonp;
import io.mktsync.request.Problem;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;

/**
 * Writes a reply for a JSON request (or for a body that was neither XML nor JSON):
 * <pre>{"outcome":"PARTIAL","statuses":[{"status":"CREATED","id":41,"externalKey":{..},"error":null}]}</pre>
 * (with {@code "marketoGUID"} when the REST backend identified the object that way),
 * or {@code {"outcome":"REJECTED","problems":[{"object":2,"field":"Cost.Month","message":".."}]}}.
 */
public final class JsonReplyWriter {

    public String write(SyncReply reply) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Jsonp.PROVIDER.createGenerator(out)) {
            json.writeStartObject().write("outcome", reply.outcome().name());
            if (reply.outcome() == Outcome.REJECTED) {
                json.writeStartArray("problems");
                for (Problem p : reply.problems()) {
                    json.writeStartObject().write("object", p.object());
                    writeNullable(json, "field", p.field());
                    json.write("message", p.message()).writeEnd();
                }
            } else {
                json.writeStartArray("statuses");
                for (ObjectStatus s : reply.statuses()) {
                    json.writeStartObject().write("status", s.status().name());
                    if (s.id() == null) {
                        json.writeNull("id");
                    } else {
                        json.write("id", s.id());
                    }
                    if (s.externalKey() == null) {
                        json.writeNull("externalKey");
                    } else {
                        json.writeStartObject("externalKey");
                        writeNullable(json, "name", s.externalKey().name());
                        writeNullable(json, "value", s.externalKey().value());
                        json.writeEnd();
                    }
                    writeNullable(json, "error", s.error());
                    if (s.marketoGuid() != null) {
                        json.write("marketoGUID", s.marketoGuid());
                    }
                    json.writeEnd();
                }
            }
            json.writeEnd().writeEnd();
        }
        return out.toString();
    }

    private static void writeNullable(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }
}
