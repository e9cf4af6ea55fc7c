package io.mktsync.it;

import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The remote JMS side of the tests: the sender's own client, plus browsing of the holding queues. */
public final class Jms {

    public static final String USER = System.getProperty("mktsync.user", "mktsync");
    public static final String PASSWORD = System.getProperty("mktsync.password", "mktsync-Pw1!");
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private Jms() {
    }

    public static SyncClient client() {
        return new SyncClient(SyncClient.DEFAULT_URL, USER, PASSWORD);
    }

    /** The messages that were forwarded to a queue (SyncRequestsParked, DLQ) from this request. */
    public static List<Message> forwardedFrom(SyncClient client, String queueName, String originalMessageId) throws JMSException {
        Queue queue = client.context().createQueue(queueName);
        try (QueueBrowser browser = client.context().createBrowser(queue,
                "mktsync_originalMessageId = '" + originalMessageId + "'")) {
            return new ArrayList<>(Collections.list((java.util.Enumeration<Message>) browser.getEnumeration()));
        }
    }
}
