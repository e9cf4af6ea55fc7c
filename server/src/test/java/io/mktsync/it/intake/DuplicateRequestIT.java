package io.mktsync.it.intake;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mktsync.it.Backlog;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The idempotent receiver: a request its producer sends twice with the same {@code mktsync_requestId}
 * is applied once, and each copy is answered; the second with the first's statuses and
 * {@code mktsync_duplicate=true}.
 */
class DuplicateRequestIT extends MktsyncIT {

    private static final String REQUEST_ID = "mktsync_requestId";

    /** A producer's own id, new in every run: the store remembers ids across runs on one server. */
    private static String orderId() {
        return "order-" + UUID.randomUUID();
    }

    @Test
    void aCopyOfARepliedRequestIsAnsweredWithItsStatusesAndNotApplied() throws Exception {
        String body = opportunity("INSERT", "TWICE-1", "Sent twice");
        String order = orderId();
        String first = client.send(body, Map.of(REQUEST_ID, order));
        Reply firstReply = replies(List.of(first)).get(0);
        String second = client.send(body, Map.of(REQUEST_ID, order));
        Reply secondReply = replies(List.of(second)).get(0);

        assertEquals("SUCCEEDED", firstReply.outcome(), firstReply.body());
        assertFalse(firstReply.properties().containsKey("mktsync_duplicate"));
        assertEquals("CREATED", Requests.status(firstReply, 0).getString("status"));
        assertEquals(true, secondReply.properties().get("mktsync_duplicate"));
        assertEquals(firstReply.body(), secondReply.body(), "the first copy's statuses");
        assertEquals(1, Simulator.opportunities("TWICE-1").size(), "created once");
        assertEquals(1, Simulator.syncCalls().size(), "sent once");
    }

    @Test
    void aCopyArrivingWhileTheFirstWaitsIsAnsweredWhenItIs() throws Exception {
        Backlog.hold();
        String body = opportunity("INSERT", "TWICE-2", "Sent twice while held");
        String order = orderId();
        String first = client.send(body, Map.of(REQUEST_ID, order));
        String second = client.send(body, Map.of(REQUEST_ID, order));
        Backlog.release(1);

        List<Reply> replies = replies(List.of(first, second));

        assertEquals("SUCCEEDED", replies.get(0).outcome(), replies.get(0).body());
        assertEquals(true, replies.get(1).properties().get("mktsync_duplicate"));
        assertEquals(replies.get(0).body(), replies.get(1).body());
        assertEquals(1, Simulator.opportunities("TWICE-2").size(), "created once");
    }

    @Test
    void anInvalidRequestIdIsRejected() throws Exception {
        String id = client.send(opportunity("INSERT", "TWICE-3", "Bad id"), Map.of(REQUEST_ID, 4711));

        Reply reply = replies(List.of(id)).get(0);

        assertEquals("REJECTED", reply.outcome(), reply.body());
        assertEquals(0, Simulator.syncCalls().size());
    }
}
