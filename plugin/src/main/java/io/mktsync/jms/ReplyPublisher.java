package io.mktsync.jms;

import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
import io.mktsync.reply.XmlReplyWriter;
import io.mktsync.request.BodyFormat;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.logging.Logger;

/**
 * Sends a request's reply: to its JMSReplyTo, else to the reply topic, correlated by the request's
 * correlation id or else its message id. The injected JMSContext joins the MDB's transaction, so
 * the reply is published exactly when the request is acknowledged.
 */
@ApplicationScoped
public class ReplyPublisher {

    public static final String OUTCOME = "mktsync_outcome";
    public static final String OBJECTS = "mktsync_objects";
    public static final String ERROR = "mktsync_error";
    public static final String DELIVERIES = "mktsync_deliveries";

    private static final Logger LOG = Logger.getLogger(ReplyPublisher.class.getName());
    private static final XmlReplyWriter XML = new XmlReplyWriter();
    private static final JsonReplyWriter JSON = new JsonReplyWriter();

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/topic/SyncReplies")
    Topic replyTopic;

    public void publish(Message request, BodyFormat format, SyncReply reply, String error) throws JMSException {
        TextMessage message = jms.createTextMessage(format == BodyFormat.XML ? XML.write(reply) : JSON.write(reply));
        String correlation = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID() : request.getJMSMessageID();
        message.setJMSCorrelationID(correlation);
        message.setStringProperty(OUTCOME, reply.outcome().name());
        message.setIntProperty(OBJECTS, reply.statuses().size());
        for (SyncStatus status : SyncStatus.values()) {
            message.setIntProperty("mktsync_" + status.name().toLowerCase(), reply.count(status));
        }
        if (error != null) {
            message.setStringProperty(ERROR, error);
        }
        // On which delivery the request was answered, counting only deliveries that failed before;
        // waiting for a hold or an open circuit does not count.
        message.setIntProperty(DELIVERIES, MessageForwarder.failedDeliveriesBefore(request) + 1);
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo != null) {
            try {
                jms.createProducer().send(replyTo, message);
                return;
            } catch (InvalidDestinationRuntimeException gone) {
                // The requester's temporary destination is gone; the topic still tells the outcome.
                LOG.warning("Reply destination " + replyTo + " of " + correlation + " is gone; replying on the topic");
            }
        }
        jms.createProducer().send(replyTopic, message);
    }
}
