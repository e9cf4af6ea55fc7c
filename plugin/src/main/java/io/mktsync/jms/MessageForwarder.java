package io.mktsync.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Moves a request elsewhere, in the transaction that acknowledges it: rejected ones to the parking
 * queue, ones whose deliveries are spent to the dead-letter queue, held ones back to the request
 * queue for later. The message itself is sent on, body and properties intact, plus properties
 * saying why and naming the original message, which stays the request's identity.
 */
@ApplicationScoped
public class MessageForwarder {

    public static final String REASON = "mktsync_reason";
    public static final String ORIGINAL_MESSAGE_ID = "mktsync_originalMessageId";
    public static final String DELIVERY_ATTEMPTS = "mktsync_deliveryAttempts";
    public static final String POSTPONEMENTS = "mktsync_postponements";
    public static final String FAILED_DELIVERIES = "mktsync_failedDeliveries";

    private static final Logger LOG = Logger.getLogger(MessageForwarder.class.getName());

    @Resource(lookup = "java:/jms/queue/SyncRequests")
    Queue requestQueue;

    @Resource(lookup = "java:/jms/queue/SyncRequestsParked")
    Queue parkingQueue;

    @Resource(lookup = "java:/jms/queue/DLQ")
    Queue deadLetterQueue;

    /** The request's identity across postponements: the id of the message its sender sent. */
    public static String requestId(Message message) throws JMSException {
        String original = message.getStringProperty(ORIGINAL_MESSAGE_ID);
        return original != null ? original : message.getJMSMessageID();
    }

    /**
     * How many deliveries of this request failed before this one: those of this message before
     * the current one (rolled-back batches), plus those carried by the copies it was postponed from.
     */
    public static int failedDeliveriesBefore(Message message) throws JMSException {
        int carried = message.propertyExists(FAILED_DELIVERIES) ? message.getIntProperty(FAILED_DELIVERIES) : 0;
        return carried + message.getIntProperty("JMSXDeliveryCount") - 1;
    }

    public void park(JMSContext jms, Message message, String reason) throws JMSException {
        forward(jms, message, parkingQueue, Map.of(REASON, reason), 0);
        LOG.info(() -> "Request moved to the parking queue: " + reason);
    }

    /** Dead-letters the request; replayed from there, it starts with fresh delivery attempts. */
    public void deadLetter(JMSContext jms, Message message, String reason, int attempts) throws JMSException {
        forward(jms, message, deadLetterQueue, Map.of(REASON, reason, DELIVERY_ATTEMPTS, attempts, FAILED_DELIVERIES, 0), 0);
    }

    /**
     * Puts the request back on its queue, to be delivered again after {@code delayMs}, as a new
     * message that carries its count of failed deliveries: waiting (a hold, an open circuit) never
     * spends a delivery attempt; a delivery that failed ({@code failed}) does. A batch's requests
     * are put back in queue order, so requests postponed together keep their order.
     */
    public void postpone(JMSContext jms, Message message, long delayMs, String reason, boolean failed) throws JMSException {
        int postponements = message.propertyExists(POSTPONEMENTS) ? message.getIntProperty(POSTPONEMENTS) : 0;
        int failedDeliveries = failedDeliveriesBefore(message) + (failed ? 1 : 0);
        if (message.getJMSCorrelationID() == null) {
            // The reply must still correlate with the message the sender sent.
            message.setJMSCorrelationID(message.getJMSMessageID());
        }
        forward(jms, message, requestQueue, Map.of(REASON, reason, POSTPONEMENTS, postponements + 1,
                FAILED_DELIVERIES, failedDeliveries), delayMs);
    }

    private void forward(JMSContext jms, Message message, Queue queue, Map<String, Object> why, long delayMs) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Object property : Collections.list(message.getPropertyNames())) {
            String name = (String) property;
            if (!name.startsWith("JMSX")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        properties.putIfAbsent(ORIGINAL_MESSAGE_ID, message.getJMSMessageID());
        properties.putAll(why);
        // A received message's properties are read-only until cleared.
        message.clearProperties();
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        jms.createProducer().setDeliveryDelay(delayMs).send(queue, message);
    }
}
