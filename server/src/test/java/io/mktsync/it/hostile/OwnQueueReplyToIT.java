package io.mktsync.it.hostile;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JMSReplyTo naming one of mktsync's own queues is not followed (the reply would come back in as a
 * request, or land among parked requests or dead letters): the reply goes to the topic, saying why.
 */
class OwnQueueReplyToIT extends MktsyncIT {

    @ParameterizedTest
    @ValueSource(strings = {"SyncRequests", "SyncRequestsParked", "DLQ"})
    void aReplyToOneOfMktsyncsOwnQueuesGoesToTheTopic(String queue) throws Exception {
        JMSContext jms = client.context();
        String key = "OWN-" + queue;
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"))) {
            TextMessage request = jms.createTextMessage(opportunity("UPSERT", key, "Own queue"));
            request.setJMSReplyTo(jms.createQueue(queue));
            jms.createProducer().send(jms.createQueue("SyncRequests"), request);

            Message reply = Jms.checked(topic.receive(60_000));
            assertNotNull(reply, "a reply on SyncReplies");
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
            assertEquals("SUCCEEDED", reply.getStringProperty("mktsync_outcome"));
            assertTrue(reply.getStringProperty("mktsync_replyToRefused").contains("own queues"));
            assertNull(topic.receive(2_000), "one reply only: none came back in as a request");
        }
        assertEquals(1, Simulator.syncCalls().size(), "the request was applied once");
    }
}
