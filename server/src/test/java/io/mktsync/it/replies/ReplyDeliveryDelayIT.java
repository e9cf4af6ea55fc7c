package io.mktsync.it.replies;

import static io.mktsync.it.Requests.opportunity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request that waited in the store through a quota hold is answered when the hold ends, and its
 * reply, like the next request's, carries no delivery delay; it says what it waited for.
 */
class ReplyDeliveryDelayIT extends MktsyncIT {

    @Test
    void aRequestHeldByTheQuotaIsAnsweredWhenItEndsWithoutDelay() throws Exception {
        JMSContext jms = client.context();
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"))) {
            Simulator.faults("{\"quotaRemaining\":0}");
            String held = send(jms, opportunity("UPSERT", "DELAY-1", "Held"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
            // Marketo's quota is back before the hold's next trial (2 s in the tests): the held request then goes through.
            Simulator.faults("{\"quotaRemaining\":1000}");
            List<Message> replies = new ArrayList<>();
            List<Long> lags = new ArrayList<>();
            replies.add(Jms.checked(topic.receive(60_000)));
            lags.add(System.currentTimeMillis() - replies.get(0).getJMSTimestamp());
            String next = send(jms, opportunity("UPSERT", "DELAY-2", "Next"));
            replies.add(Jms.checked(topic.receive(60_000)));
            lags.add(System.currentTimeMillis() - replies.get(1).getJMSTimestamp());

            assertEquals(held, replies.get(0).getJMSCorrelationID());
            assertEquals(next, replies.get(1).getJMSCorrelationID());
            for (int i = 0; i < replies.size(); i++) {
                assertEquals("SUCCEEDED", replies.get(i).getStringProperty("mktsync_outcome"));
                // A delivery delay (none is ever set) would hold the reply back after it was sent.
                assertTrue(lags.get(i) < 1500, "reply " + i + " arrived " + lags.get(i) + " ms after it was sent");
            }
            assertEquals("QUOTA_HOLD", replies.get(0).getStringProperty("mktsync_waitedFor"));
        }
    }

    private static String send(JMSContext jms, String body) {
        TextMessage request = jms.createTextMessage(body);
        jms.createProducer().send(jms.createQueue("SyncRequests"), request);
        try {
            return request.getJMSMessageID();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
