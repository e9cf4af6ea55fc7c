package io.mktsync.jms;

import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
import io.mktsync.reply.XmlReplyWriter;
import io.mktsync.request.BodyFormat;
import io.mktsync.request.LogSafe;
import io.mktsync.tracing.RequestTraces;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends a request's reply to the reply topic {@code SyncReplies}, always, and to its JMSReplyTo too
 * when it has one, correlated by the request's correlation id or else its message id.
 *
 * <p>Each reply carries a broker duplicate-detection id ({@code _AMQ_DUPL_ID}) made from the
 * answered message: the store marks a request replied only after its reply is committed, so after
 * a crash in between the reply is sent again, and the broker drops the second one.
 *
 * <p>A reply carries the trace context of its span, a child of the request's, in {@code traceparent}
 * ({@link RequestTraces}).
 *
 * <p>A JMSReplyTo naming one of the plugin's own queues (requests, parked, dead letters) is not
 * followed: the reply would come back in as a request, or mix with what operators keep. That reply
 * says why in {@code mktsync_replyToRefused}.
 */
@ApplicationScoped
public class ReplyPublisher {

    public static final String OUTCOME = "mktsync_outcome";
    public static final String OBJECTS = "mktsync_objects";
    public static final String ERROR = "mktsync_error";
    public static final String ATTEMPTS = "mktsync_attempts";
    public static final String WAITED_FOR = "mktsync_waitedFor";
    public static final String DUPLICATE = "mktsync_duplicate";
    public static final String REPLY_TO_REFUSED = "mktsync_replyToRefused";
    public static final String MARKETO_GUIDS = "mktsync_marketoGUIDs";
    /** Artemis drops a second message with the same id sent to the same address. */
    static final String DUPLICATE_DETECTION_ID = "_AMQ_DUPL_ID";

    private static final Logger LOG = Logger.getLogger(ReplyPublisher.class.getName());
    private static final XmlReplyWriter XML = new XmlReplyWriter();
    private static final JsonReplyWriter JSON = new JsonReplyWriter();

    @Resource(lookup = "java:/jms/topic/SyncReplies")
    Topic replyTopic;

    @Inject
    OwnQueues ownQueues;

    @Inject
    RequestTraces traces;

    /**
     * What a reply says besides its statuses.
     *
     * @param error     why the request failed or was rejected, or null
     * @param waitedFor the {@code WaitReason} of the last wait, or null
     * @param attempts  the attempt on which the request was answered (failed attempts + 1)
     * @param duplicate the request was applied before; these are the first copy's statuses
     */
    public record Notes(String error, String waitedFor, int attempts, boolean duplicate) {

        public static Notes error(String error) {
            return new Notes(error, null, 1, false);
        }
    }

    /**
     * The reply destinations of one transaction, each resolved once. Artemis asks the broker whether a
     * destination exists (two round trips) the first time each destination object is sent to: once
     * per reply, against a remote broker, that took most of the dispatcher's time. Not kept longer, so
     * that a requester's temporary queue that went away is found gone again.
     */
    public static final class Destinations {
        private final Map<String, Destination> byAddress = new HashMap<>();

        Destination of(String address) {
            return byAddress.computeIfAbsent(address, ReplyAddress::resolve);
        }
    }

    /** Sends one reply, its destination resolved for it alone (the intake answers one message at a time). */
    public void publish(JMSContext jms, RequestEnvelope r, SyncReply reply, Notes notes) throws JMSException {
        publish(jms, new Destinations(), r, reply, notes);
    }

    /** Sends the reply to the message {@code r} (the request's own, or a later copy's). */
    public void publish(JMSContext jms, Destinations destinations, RequestEnvelope r, SyncReply reply, Notes notes) throws JMSException {
        TextMessage message = jms.createTextMessage(r.format() == BodyFormat.XML ? XML.write(reply) : JSON.write(reply));
        message.setJMSCorrelationID(r.correlationId());
        message.setStringProperty(DUPLICATE_DETECTION_ID, "mktsync-reply:" + r.messageId());
        message.setStringProperty(OUTCOME, reply.outcome().name());
        message.setIntProperty(OBJECTS, reply.statuses().size());
        for (SyncStatus status : SyncStatus.values()) {
            message.setIntProperty("mktsync_" + status.name().toLowerCase(), reply.count(status));
        }
        if (notes.error() != null) {
            message.setStringProperty(ERROR, notes.error());
        }
        if (reply.marketoGuids() != null) {
            message.setStringProperty(MARKETO_GUIDS, reply.marketoGuids());
        }
        if (notes.waitedFor() != null) {
            message.setStringProperty(WAITED_FOR, notes.waitedFor());
        }
        if (notes.duplicate()) {
            message.setBooleanProperty(DUPLICATE, true);
        }
        message.setIntProperty(ATTEMPTS, notes.attempts());
        String traceParent = traces.replying(r, reply.outcome().name());
        if (traceParent != null) {
            message.setStringProperty(RequestTraces.TRACEPARENT, traceParent);
        }
        Destination replyTo = r.replyTo() == null ? null : destinations.of(r.replyTo());
        if (replyTo != null && ownQueues.contains(replyTo)) {
            message.setStringProperty(REPLY_TO_REFUSED, "JMSReplyTo " + replyTo + " is one of mktsync's own queues");
            LOG.warning(() -> "Request " + r.requestId() + " names mktsync's own queue " + LogSafe.of(replyTo)
                    + " as its JMSReplyTo; replying on the topic only");
        } else if (replyTo != null) {
            try {
                MessageForwarder.send(jms, replyTo, message);
            } catch (InvalidDestinationRuntimeException gone) {
                // Only a destination the broker no longer has (a requester's temporary queue) is gone; a
                // lost connection (the broker failing over) is not: it fails the answer, which is sent again.
                LOG.warning(() -> "Reply destination " + LogSafe.of(r.replyTo()) + " of " + LogSafe.of(r.correlationId())
                        + " is gone; replying on the topic only");
            }
        }
        MessageForwarder.send(jms, replyTopic, message);
    }

}
