package io.mktsync.it;

import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** The requests the tests send most, and a look into JSON replies. */
public final class Requests {

    private Requests() {
    }

    /** One Opportunity, addressed by the external key {@code extOpportunityId}, with a Name. */
    public static String opportunity(String operation, String key, String name) {
        return """
                {"operation":"%s","objects":[{"type":"Opportunity",
                  "externalKey":{"name":"extOpportunityId","value":"%s"},"attributes":{"Name":"%s"}}]}"""
                .formatted(operation, key, name);
    }

    /** {@code count} Opportunities with the external keys {@code prefix0, prefix1...}, in one request. */
    public static String opportunities(String operation, String prefix, int count) {
        StringBuilder objects = new StringBuilder();
        for (int i = 0; i < count; i++) {
            objects.append(i == 0 ? "" : ",").append("""
                    {"type":"Opportunity","externalKey":{"name":"extOpportunityId","value":"%s%d"},"attributes":{"Name":"n"}}"""
                    .formatted(prefix, i));
        }
        return "{\"operation\":\"" + operation + "\",\"objects\":[" + objects + "]}";
    }

    public static JsonArray statuses(Reply reply) {
        return Json.createReader(new StringReader(reply.body())).readObject().getJsonArray("statuses");
    }

    public static JsonObject status(Reply reply, int index) {
        return statuses(reply).getJsonObject(index);
    }
}
