package io.mktsync.reply;

import io.mktsync.request.Attrib;
import io.mktsync.request.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/** Reads back the statuses that {@link JsonReplyWriter} wrote. */
public final class JsonReplyReader {

    /** A reply of statuses as {@link JsonReplyWriter} wrote it (not a rejection). */
    public SyncReply reply(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            JsonObject reply = reader.readObject();
            return new SyncReply(Outcome.valueOf(reply.getString("outcome")), reply.getJsonArray("statuses").stream()
                    .map(JsonValue::asJsonObject).map(JsonReplyReader::status).toList(), List.of());
        }
    }

    public List<ObjectStatus> statuses(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject().getJsonArray("statuses").stream()
                    .map(JsonValue::asJsonObject)
                    .map(JsonReplyReader::status)
                    .toList();
        }
    }

    private static ObjectStatus status(JsonObject s) {
        Integer id = s.isNull("id") ? null : s.getInt("id");
        Attrib key = null;
        if (!s.isNull("externalKey")) {
            JsonObject k = s.getJsonObject("externalKey");
            key = new Attrib(k.isNull("name") ? null : k.getString("name"), k.isNull("value") ? null : k.getString("value"));
        }
        return new ObjectStatus(SyncStatus.valueOf(s.getString("status")), id, key,
                s.isNull("error") ? null : s.getString("error"), s.getString("marketoGUID", null));
    }
}
