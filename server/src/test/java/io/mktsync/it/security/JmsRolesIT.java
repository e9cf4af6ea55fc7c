package io.mktsync.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.ServerScripts;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JMS roles of config/configure-server.cli (docs/security.md): a producer sends requests and reads
 * its own reply queue, but neither takes from SyncRequests nor reads SyncReplies; a subscriber reads
 * SyncReplies but cannot send a request; an unknown user is refused; the build's demo user (producer
 * and subscriber) makes the round trip, and browses no operator's queue. The two one-role users are
 * this test's own, added as an administrator would.
 */
class JmsRolesIT extends MktsyncIT {

    private static final String PRODUCER = "roles-producer";
    private static final String SUBSCRIBER = "roles-subscriber";
    private static final String PASSWORD = "roles-Pw1!";

    @BeforeAll
    static void addUsers() {
        addUser(PRODUCER, "mktsync-producer");
        addUser(SUBSCRIBER, "mktsync-subscriber");
        ServerScripts.run("jboss-cli.sh", "-c", "--command=/subsystem=elytron/properties-realm=ApplicationRealm:load");
    }

    @Test
    void aProducerSendsAndHearsItsReplyButReadsNeitherTheRequestsNorTheReplyTopic() throws Exception {
        try (SyncClient producer = new SyncClient(SyncClient.DEFAULT_URL, PRODUCER, PASSWORD, Jms::assertPublishedForm)) {
            SyncClient.Reply reply = producer.request(opportunity("INSERT", "OPP-R" + System.nanoTime(), "Producer"), Jms.REPLY_TIMEOUT)
                    .orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
        }
        try (JMSContext producer = context(PRODUCER, PASSWORD)) {
            assertThrows(JMSSecurityRuntimeException.class, () -> producer.createConsumer(producer.createQueue("SyncRequests")),
                    "taking requests is the intake's alone");
            assertThrows(JMSSecurityRuntimeException.class, () -> producer.createConsumer(producer.createTopic("SyncReplies")),
                    "every producer's replies are on the topic");
            assertBrowseRefused(producer, "SyncRequestsParked");
        }
    }

    @Test
    void aSubscriberReadsTheReplyTopicButCannotSendARequest() throws Exception {
        try (JMSContext subscriber = context(SUBSCRIBER, PASSWORD);
             JMSConsumer topic = subscriber.createConsumer(subscriber.createTopic("SyncReplies"))) {
            String id = client.send(opportunity("INSERT", "OPP-S" + System.nanoTime(), "Subscribed"), Map.of());
            Message reply = Jms.checked(topic.receive(Jms.REPLY_TIMEOUT.toMillis()));
            assertNotNull(reply, "the subscriber hears the reply on the topic");
            assertEquals(id, reply.getJMSCorrelationID());
            Queue requests = subscriber.createQueue("SyncRequests");
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> subscriber.createProducer().send(requests, opportunity("INSERT", "OPP-X", "Not allowed")));
        }
    }

    @Test
    void anUnknownUserIsRefused() {
        assertThrows(JMSSecurityRuntimeException.class, () -> context("nobody", "guess-Pw1!").close());
        assertThrows(JMSSecurityRuntimeException.class, () -> context(Jms.USER, "wrong-Pw1!").close());
    }

    @Test
    void theDemoUserMakesTheRoundTripAndReadsNoOperatorsQueue() throws Exception {
        assertEquals("SUCCEEDED", request(opportunity("INSERT", "OPP-D" + System.nanoTime(), "Demo")).outcome());
        try (JMSContext demo = context(Jms.USER, Jms.PASSWORD)) {
            for (String queue : List.of("SyncRequests", "SyncRequestsParked", "DLQ")) {
                assertBrowseRefused(demo, queue);
            }
        }
        Jms.browse("SyncRequestsParked", null); // the operator may
    }

    /** A browser opens on its first look: that is where the broker refuses it. */
    private static void assertBrowseRefused(JMSContext context, String queue) throws JMSException {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            assertThrows(JMSSecurityException.class, () -> browser.getEnumeration().hasMoreElements(), queue + " is the operators'");
        }
    }

    private static JMSContext context(String user, String password) {
        return new ActiveMQConnectionFactory(SyncClient.DEFAULT_URL).createContext(user, password);
    }

    private static void addUser(String user, String group) {
        ServerScripts.run("add-user.sh", "-a", "-s", "-u", user, "-p", PASSWORD, "-g", group);
    }
}
