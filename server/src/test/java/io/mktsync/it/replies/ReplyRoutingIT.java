package io.mktsync.it.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a reply goes (the topic SyncReplies always, the JMSReplyTo too) and how a sender finds it among others. */
class ReplyRoutingIT extends MktsyncIT {

    @Test
    void everyReplyReachesTheTopicAndTheJMSReplyToToo() throws Exception {
        JMSContext jms = client.context();
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"))) {
            String id = client.send(example("opportunity-insert.json"), Map.of());

            SyncClient.Reply direct = client.awaitReply(id, java.time.Duration.ofSeconds(60)).orElseThrow();
            Message published = Jms.checked(topic.receive(60_000));

            assertNotNull(published, "a reply on SyncReplies");
            assertEquals(id, published.getJMSCorrelationID());
            assertEquals(direct.body(), ((TextMessage) published).getText(), "the same reply");
            assertEquals("SUCCEEDED", direct.outcome());
        }
    }

    @Test
    void replyCarriesTheSendersCorrelationId() throws Exception {
        String id = client.send(example("opportunity-insert.json"), Map.of("JMSCorrelationID", "order-4711"));

        assertEquals("order-4711", id);
        SyncClient.Reply reply = client.awaitReply("order-4711", java.time.Duration.ofSeconds(60)).orElseThrow();
        assertEquals("SUCCEEDED", reply.outcome());
    }

    @Test
    void whenTheRequestersTemporaryQueueIsGoneTheReplyStillReachesTheTopic() throws Exception {
        JMSContext jms = client.context();
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"));
             SyncClient leaving = Jms.client()) {
            Simulator.faults("{\"latencyMs\":1500}");
            String id = leaving.send(example("opportunity-insert.json"), Map.of());
            leaving.close(); // its temporary reply queue goes with it, before the reply is ready

            Message reply = Jms.checked(topic.receive(60_000));
            assertNotNull(reply, "the reply is not lost");
            assertEquals(id, reply.getJMSCorrelationID());
            assertEquals("SUCCEEDED", reply.getStringProperty("mktsync_outcome"));
        }
    }

    @Test
    void withoutJMSReplyToTheReplyGoesToTheTopicCorrelatedByMessageId() throws Exception {
        JMSContext jms = client.context();
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"))) {
            Queue requests = jms.createQueue("SyncRequests");
            TextMessage request = jms.createTextMessage(example("program-cost-update.xml"));
            jms.createProducer().send(requests, request);

            Message reply = Jms.checked(topic.receive(60_000));
            assertNotNull(reply, "a reply on SyncReplies");
            assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
            assertEquals("SUCCEEDED", reply.getStringProperty("mktsync_outcome"));
        }
    }
}
