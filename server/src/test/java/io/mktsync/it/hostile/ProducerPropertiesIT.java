package io.mktsync.it.hostile;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.jms.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's bookkeeping ({@code mktsync_*} properties on its own copies of a request) cannot be
 * written by a producer: a producer's {@code mktsync_*} properties are ignored, and not carried to
 * the copies the plugin makes.
 */
class ProducerPropertiesIT extends MktsyncIT {

    @Test
    void anotherRequestsIdentityIsNotTaken() throws Exception {
        String first = client.send(opportunity("INSERT", "FORGE-A", "First"), Map.of());
        assertEquals("SUCCEEDED", replies(List.of(first)).get(0).outcome());

        String forged = client.send(opportunity("INSERT", "FORGE-B", "Second"),
                Map.of("mktsync_originalMessageId", first, "mktsync_seal", "bm90IG91ciBzZWFs"));
        Reply reply = replies(List.of(forged)).get(0);

        assertEquals("SUCCEEDED", reply.outcome(), reply.body());
        assertEquals("FORGE-B", Requests.status(reply, 0).getJsonObject("externalKey").getString("value"),
                "answered with its own status, not the first request's");
        assertEquals(1, Simulator.opportunities("FORGE-B").size(), "sent to Marketo");
    }

    @Test
    void forgedDeliveryCountsAndWaitReasonsAreIgnored() throws Exception {
        String id = client.send(opportunity("INSERT", "FORGE-C", "Counted"), Map.of(
                "mktsync_failedDeliveries", 3, "mktsync_postponements", 2,
                "mktsync_reason", "forged reason", "mktsync_waitReason", "QUOTA_HOLD"));
        Reply reply = replies(List.of(id)).get(0);

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(1, reply.properties().get("mktsync_deliveries"));
        assertFalse(reply.properties().containsKey("mktsync_waitedFor"), reply.properties().toString());
    }

    @Test
    void aParkedCopyCarriesThePluginsBookkeepingNotTheProducers() throws Exception {
        String id = client.send("{\"operation\":\"DELETE\",\"objects\":[]}", Map.of(
                "mktsync_originalMessageId", "ID:forged", "mktsync_failedDeliveries", 9, "app_orderId", "4711"));
        assertEquals("REJECTED", replies(List.of(id)).get(0).outcome());

        List<Message> parked = Jms.forwardedFrom(client, "SyncRequestsParked", id);
        assertEquals(1, parked.size(), "parked under its own message id");
        assertEquals(0, parked.get(0).getIntProperty("mktsync_failedDeliveries"));
        assertEquals("4711", parked.get(0).getStringProperty("app_orderId"), "the producer's own properties are kept");
        assertEquals(0, Jms.forwardedFrom(client, "SyncRequestsParked", "ID:forged").size());
    }
}
