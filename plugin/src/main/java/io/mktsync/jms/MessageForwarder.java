package io.mktsync.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps a request that will not be processed: rejected ones go to the parking queue, ones whose
 * deliveries are spent to the dead-letter queue. The original message itself is sent on, body and
 * properties intact, plus properties saying why; in the same transaction as its reply.
 */
@ApplicationScoped
public class MessageForwarder {

    public static final String REASON = "mktsync_reason";
    public static final String ORIGINAL_MESSAGE_ID = "mktsync_originalMessageId";
    public static final String DELIVERY_ATTEMPTS = "mktsync_deliveryAttempts";

    private static final Logger LOG = Logger.getLogger(MessageForwarder.class.getName());

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/SyncRequestsParked")
    Queue parkingQueue;

    @Resource(lookup = "java:/jms/queue/DLQ")
    Queue deadLetterQueue;

    public void park(Message message, String reason) throws JMSException {
        forward(message, parkingQueue, Map.of(REASON, reason));
    }

    public void deadLetter(Message message, String reason, int attempts) throws JMSException {
        forward(message, deadLetterQueue, Map.of(REASON, reason, DELIVERY_ATTEMPTS, attempts));
    }

    private void forward(Message message, Queue queue, Map<String, Object> why) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Object property : Collections.list(message.getPropertyNames())) {
            String name = (String) property;
            if (!name.startsWith("JMSX")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        properties.put(ORIGINAL_MESSAGE_ID, message.getJMSMessageID());
        properties.putAll(why);
        // A received message's properties are read-only until cleared.
        message.clearProperties();
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        jms.createProducer().send(queue, message);
        LOG.info("Request " + properties.get(ORIGINAL_MESSAGE_ID) + " moved to " + queue.getQueueName() + ": " + why.get(REASON));
    }
}
