package io.mktsync.jms;

import io.mktsync.request.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
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
 * queue for later. The message itself is sent on, body and producer properties intact, with the
 * plugin's sealed {@link Bookkeeping} (which names the original message, the request's identity)
 * and, for operators, why ({@code mktsync_reason}). A producer's own {@code mktsync_*} properties
 * are not carried: they could pass for the plugin's.
 */
@ApplicationScoped
public class MessageForwarder {

    public static final String REASON = "mktsync_reason";
    public static final String DELIVERY_ATTEMPTS = "mktsync_deliveryAttempts";

    private static final Logger LOG = Logger.getLogger(MessageForwarder.class.getName());

    @Inject
    OwnQueues queues;

    @Inject
    CopySeal seal;

    public void park(JMSContext jms, ReceivedRequest r, String reason) throws JMSException {
        forward(jms, r, queues.parked(), r.bookkeeping(), Map.of(REASON, reason), 0);
        LOG.info(() -> "Request " + r.id() + " moved to the parking queue: " + LogSafe.of(reason));
    }

    /** Dead-letters the request; replayed from there, it starts with fresh delivery attempts. */
    public void deadLetter(JMSContext jms, ReceivedRequest r, String reason, int attempts) throws JMSException {
        forward(jms, r, queues.deadLetters(), r.bookkeeping().deadLettered(), Map.of(REASON, reason, DELIVERY_ATTEMPTS, attempts), 0);
    }

    /**
     * Puts the request back on its queue, to be delivered again after {@code delayMs}, as a new
     * message that carries its count of failed deliveries: waiting (a hold, an open circuit) never
     * spends a delivery attempt; a delivery that failed ({@code failed}) does. A batch's requests
     * are put back in queue order, so requests postponed together keep their order.
     */
    public void postpone(JMSContext jms, ReceivedRequest r, long delayMs, WaitReason why, String detail, boolean failed)
            throws JMSException {
        Message message = r.message();
        if (message.getJMSCorrelationID() == null) {
            // The reply must still correlate with the message the sender sent.
            message.setJMSCorrelationID(message.getJMSMessageID());
        }
        Bookkeeping b = r.bookkeeping().postponed(why, r.failedDeliveriesBefore(), failed);
        forward(jms, r, queues.requests(), b, Map.of(REASON, detail), delayMs);
    }

    private void forward(JMSContext jms, ReceivedRequest r, Queue queue, Bookkeeping bookkeeping,
                         Map<String, Object> why, long delayMs) throws JMSException {
        Message message = r.message();
        Map<String, Object> properties = new HashMap<>();
        for (Object property : Collections.list(message.getPropertyNames())) {
            String name = (String) property;
            if (!name.startsWith("JMSX") && !name.startsWith(Bookkeeping.PREFIX)) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        // A received message's properties are read-only until cleared.
        message.clearProperties();
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        for (Map.Entry<String, Object> p : why.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        bookkeeping.writeSealed(message, r.body(), seal);
        send(jms, queue, message, delayMs);
    }

    /**
     * Every send says its delivery delay: Artemis backs all producers of a JMSContext with one
     * underlying producer, so a delay set for one message would otherwise stay for the next ones
     * (a reply sent after a put-back would arrive that much later).
     */
    static void send(JMSContext jms, Destination destination, Message message, long delayMs) {
        jms.createProducer().setDeliveryDelay(delayMs).send(destination, message);
    }
}
