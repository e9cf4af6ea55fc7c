package io.mktsync.jms;

import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
import io.mktsync.reply.XmlReplyWriter;
import io.mktsync.request.BodyFormat;
import io.mktsync.request.LogSafe;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.logging.Logger;

/**
 * Sends a request's reply: to its JMSReplyTo, else to the reply topic, correlated by the request's
 * correlation id or else its message id. It is sent on the delivery batch's transacted context, so
 * the reply is published exactly when the request is acknowledged. A request that waited in the
 * queue (a hold, the call limiter, an open circuit) says why in {@code mktsync_waitedFor}.
 *
 * <p>A JMSReplyTo naming one of the plugin's own queues (requests, parked, dead letters) is not
 * followed: the reply would come back in as a request, or mix with what operators keep. Such a reply
 * goes to the topic and says why in {@code mktsync_replyToRefused}.
 */
@ApplicationScoped
public class ReplyPublisher {

    public static final String OUTCOME = "mktsync_outcome";
    public static final String OBJECTS = "mktsync_objects";
    public static final String ERROR = "mktsync_error";
    public static final String DELIVERIES = "mktsync_deliveries";
    public static final String WAITED_FOR = "mktsync_waitedFor";
    public static final String REPLY_TO_REFUSED = "mktsync_replyToRefused";
    public static final String MARKETO_GUIDS = "mktsync_marketoGUIDs";

    private static final Logger LOG = Logger.getLogger(ReplyPublisher.class.getName());
    private static final XmlReplyWriter XML = new XmlReplyWriter();
    private static final JsonReplyWriter JSON = new JsonReplyWriter();

    @Resource(lookup = "java:/jms/topic/SyncReplies")
    Topic replyTopic;

    @Inject
    OwnQueues ownQueues;

    public void publish(JMSContext jms, ReceivedRequest r, SyncReply reply, String error) throws JMSException {
        TextMessage message = jms.createTextMessage(r.format() == BodyFormat.XML ? XML.write(reply) : JSON.write(reply));
        String correlation = r.message().getJMSCorrelationID() != null
                ? r.message().getJMSCorrelationID() : r.message().getJMSMessageID();
        message.setJMSCorrelationID(correlation);
        message.setStringProperty(OUTCOME, reply.outcome().name());
        message.setIntProperty(OBJECTS, reply.statuses().size());
        for (SyncStatus status : SyncStatus.values()) {
            message.setIntProperty("mktsync_" + status.name().toLowerCase(), reply.count(status));
        }
        if (error != null) {
            message.setStringProperty(ERROR, error);
        }
        if (reply.marketoGuids() != null) {
            message.setStringProperty(MARKETO_GUIDS, reply.marketoGuids());
        }
        if (r.bookkeeping().waitedFor() != null) {
            message.setStringProperty(WAITED_FOR, r.bookkeeping().waitedFor().name());
        }
        // On which delivery the request was answered, counting only deliveries that failed before;
        // waiting for a hold or an open circuit does not count.
        message.setIntProperty(DELIVERIES, r.failedDeliveriesBefore() + 1);
        Destination replyTo = r.message().getJMSReplyTo();
        if (replyTo != null && ownQueues.contains(replyTo)) {
            message.setStringProperty(REPLY_TO_REFUSED, "JMSReplyTo " + replyTo + " is one of mktsync's own queues");
            LOG.warning(() -> "Request " + r.id() + " names mktsync's own queue " + LogSafe.of(replyTo)
                    + " as its JMSReplyTo; replying on the topic");
        } else if (replyTo != null) {
            try {
                MessageForwarder.send(jms, replyTo, message, 0);
                return;
            } catch (InvalidDestinationRuntimeException gone) {
                // The requester's temporary destination is gone; the topic still tells the outcome.
                LOG.warning(() -> "Reply destination " + LogSafe.of(replyTo) + " of " + LogSafe.of(correlation)
                        + " is gone; replying on the topic");
            }
        }
        MessageForwarder.send(jms, replyTopic, message, 0);
    }
}
