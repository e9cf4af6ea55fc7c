package io.mktsync.it.hostile;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.jms.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the plugin says on its replies and copies ({@code mktsync_*} properties) cannot be written by
 * a producer: a producer's {@code mktsync_*} properties are ignored, and not carried to the copies the
 * plugin makes, except the documented {@code mktsync_requestId}.
 */
class ProducerPropertiesIT extends MktsyncIT {

    @Test
    void forgedAttemptCountsAndWaitReasonsAreIgnored() throws Exception {
        String id = client.send(opportunity("INSERT", "FORGE-C", "Counted"), Map.of(
                "mktsync_attempts", 3, "mktsync_duplicate", true,
                "mktsync_reason", "forged reason", "mktsync_waitedFor", "QUOTA_HOLD"));
        Reply reply = replies(List.of(id)).get(0);

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(1, reply.properties().get("mktsync_attempts"));
        assertFalse(reply.properties().containsKey("mktsync_waitedFor"), reply.properties().toString());
        assertFalse(reply.properties().containsKey("mktsync_duplicate"), reply.properties().toString());
        assertEquals(1, Simulator.opportunities("FORGE-C").size(), "sent to Marketo");
    }

    @Test
    void aParkedCopyCarriesItsRequestIdAndTheProducersOwnPropertiesNotForgedOnes() throws Exception {
        String id = client.send("{\"operation\":\"DELETE\",\"objects\":[]}", Map.of(
                "mktsync_reason", "forged reason", "mktsync_attempts", 9, "app_orderId", "4711"));
        assertEquals("REJECTED", replies(List.of(id)).get(0).outcome());

        List<Message> parked = Jms.forwardedFrom("SyncRequestsParked", id);
        assertEquals(1, parked.size(), "parked under its own request id");
        assertFalse(parked.get(0).propertyExists("mktsync_attempts"), "not the producer's forged count");
        assertFalse(parked.get(0).getStringProperty("mktsync_reason").contains("forged"));
        assertEquals("4711", parked.get(0).getStringProperty("app_orderId"), "the producer's own properties are kept");
    }
}
