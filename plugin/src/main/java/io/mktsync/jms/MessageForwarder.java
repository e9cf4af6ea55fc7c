package io.mktsync.jms;

import io.mktsync.request.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps a copy of a request for an operator: rejected or unprocessable ones in the parking queue,
 * ones given up in the dead-letter queue. The copy has the request's body and its producer's
 * properties, {@code mktsync_requestId} (so that a copy sent back to the request queue continues the
 * same request: what was applied is not applied again) and, for operators, why ({@code mktsync_reason}).
 * Other {@code mktsync_*} properties a producer set are not carried: they could pass for the plugin's.
 */
@ApplicationScoped
public class MessageForwarder {

    public static final String REASON = "mktsync_reason";
    public static final String ATTEMPTS = "mktsync_attempts";

    private static final Logger LOG = Logger.getLogger(MessageForwarder.class.getName());

    @Inject
    OwnQueues queues;

    /** Parks the message as it arrived, whatever its type, in the transaction that acknowledges it. */
    public void park(JMSContext jms, ReceivedRequest r, String reason) throws JMSException {
        Message message = r.message();
        // A received message's properties are read-only until cleared.
        message.clearProperties();
        forward(jms, queues.parked(), message, r.envelope(), Map.of(REASON, reason));
        LOG.info(() -> "Request " + r.envelope().requestId() + " moved to the parking queue: " + LogSafe.of(reason));
    }

    /** Parks a stored request (its message is long acknowledged). */
    public void park(JMSContext jms, RequestEnvelope r, String reason) throws JMSException {
        forward(jms, queues.parked(), copy(jms, r), r, Map.of(REASON, reason));
        LOG.info(() -> "Request " + r.requestId() + " moved to the parking queue: " + LogSafe.of(reason));
    }

    /** Dead-letters a stored request given up after {@code attempts} attempts. */
    public void deadLetter(JMSContext jms, RequestEnvelope r, String reason, int attempts) throws JMSException {
        forward(jms, queues.deadLetters(), copy(jms, r), r, Map.of(REASON, reason, ATTEMPTS, attempts));
    }

    /** A stored request as a message again: its body, and its JMSReplyTo, so that a replay is answered there too. */
    private static Message copy(JMSContext jms, RequestEnvelope r) throws JMSException {
        Message message = jms.createTextMessage(r.body());
        if (r.replyTo() != null) {
            message.setJMSReplyTo(ReplyAddress.resolve(r.replyTo()));
        }
        return message;
    }

    private void forward(JMSContext jms, Queue queue, Message message, RequestEnvelope r, Map<String, Object> why)
            throws JMSException {
        for (Map.Entry<String, Object> p : r.properties().entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        for (Map.Entry<String, Object> p : why.entrySet()) {
            message.setObjectProperty(p.getKey(), p.getValue());
        }
        message.setStringProperty(RequestReader.REQUEST_ID, r.requestId());
        message.setJMSCorrelationID(r.correlationId());
        message.setStringProperty(ReplyPublisher.DUPLICATE_DETECTION_ID, "mktsync-" + queue.getQueueName() + ":" + r.messageId());
        send(jms, queue, message);
    }

    /**
     * Every send says its delivery delay (none): Artemis backs all producers of a JMSContext with one
     * underlying producer, and a delay set elsewhere would otherwise stay.
     */
    static void send(JMSContext jms, Destination destination, Message message) {
        jms.createProducer().setDeliveryDelay(0).send(destination, message);
    }
}
