package io.mktsync.it.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that must stay in order are never reordered by coalescing, even when they arrive in one
 * backlog: they go into successive calls, in the order they were sent (one message group: see docs/jms-contract.md).
 */
class OrderingIT extends MktsyncIT {

    private static List<Integer> callsCarrying(String object) {
        List<JsonObject> calls = Simulator.syncCalls();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).getJsonArray("objects").getValuesAs(jakarta.json.JsonString.class).stream()
                    .anyMatch(s -> s.getString().equals(object))) {
                positions.add(i);
            }
        }
        return positions;
    }

    @Test
    void theSameObjectUpdatedTwiceEndsWithTheSecondValue() throws Exception {
        List<String> bodies = new ArrayList<>();
        bodies.add(Requests.opportunity("UPSERT", "ORDER-1", "first"));
        for (int i = 0; i < 30; i++) {
            bodies.add(Requests.opportunity("UPSERT", "ORDER-OTHER-" + i, "other"));
        }
        bodies.add(Requests.opportunity("UPSERT", "ORDER-1", "second"));

        List<Reply> replies = replies(client.sendAll(bodies));

        assertEquals("CREATED", Requests.status(replies.get(0), 0).getString("status"));
        assertEquals("UPDATED", Requests.status(replies.get(bodies.size() - 1), 0).getString("status"));
        List<JsonObject> stored = Simulator.opportunities("ORDER-1");
        assertEquals(1, stored.size());
        assertEquals("second", stored.get(0).getJsonObject("attributes").getString("Name"));
        assertEquals(2, callsCarrying("key:ORDER-1").size(), "one call each, the second after the first");
        assertEquals(1, callsCarrying("key:ORDER-OTHER-29").size());
    }

    @Test
    void aRoleWaitsForTheOpportunityItRefersToInAnEarlierRequest() throws Exception {
        String role = """
                {"operation":"INSERT","objects":[{"type":"OpportunityPersonRole",
                  "attributes":{"PersonId":"77","Role":"Buyer"},
                  "associations":[{"type":"Opportunity","externalKey":{"name":"extOpportunityId","value":"ORDER-NEW"}}]}]}""";

        List<Reply> replies = replies(client.sendAll(List.of(
                Requests.opportunity("UPSERT", "ORDER-NEW", "new"), role)));

        assertEquals("SUCCEEDED", replies.get(0).outcome(), replies.get(0).body());
        assertEquals("SUCCEEDED", replies.get(1).outcome(), replies.get(1).body());
        assertEquals(1, Simulator.roles().size());
        List<Integer> opportunity = callsCarrying("key:ORDER-NEW");
        List<JsonObject> calls = Simulator.syncCalls();
        assertEquals(2, calls.size(), "an UPSERT call, then an INSERT call");
        // REST's role names its Opportunity by that key (externalOpportunityId), so its call carries it too.
        assertEquals(Backend.rest() ? List.of(0, 1) : List.of(0), opportunity);
        assertTrue(calls.get(1).getJsonArray("types").toString().contains("OpportunityPersonRole"));
    }
}
