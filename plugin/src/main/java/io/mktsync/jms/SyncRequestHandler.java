package io.mktsync.jms;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import io.mktsync.request.BodyFormat;
import io.mktsync.request.JsonRequestReader;
import io.mktsync.request.MObject;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.RequestValidator;
import io.mktsync.request.SyncRequest;
import io.mktsync.request.XmlRequestReader;
import io.mktsync.resilience.MarketoCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes one request message to its final outcome: read, validate, sync in calls of at most the
 * backend's limit, reply. It runs inside the MDB's transaction, and every path either ends in a
 * published reply (with the message parked or dead-lettered when it was not applied) or asks for
 * the message to be delivered again later; nothing is acknowledged without a reply.
 */
@ApplicationScoped
public class SyncRequestHandler {

    /** What the MDB should do with the delivery. */
    public enum Disposition {
        /** The outcome is final and replied: commit, acknowledging the message. */
        DONE,
        /** Marketo could not be reached: roll back so the broker redelivers after its delay. */
        REDELIVER
    }

    private static final Logger LOG = Logger.getLogger(SyncRequestHandler.class.getName());
    private static final XmlRequestReader XML = new XmlRequestReader();
    private static final JsonRequestReader JSON = new JsonRequestReader();

    @Inject
    MarketoCalls marketo;

    @Inject
    ReplyPublisher replies;

    @Inject
    MessageForwarder forwarder;

    @Inject
    @ConfigProperty(name = "mktsync.request.max-bytes", defaultValue = "1048576")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "mktsync.request.max-objects", defaultValue = "500")
    int maxObjects;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.max-attempts", defaultValue = "5")
    int maxAttempts;

    public Disposition handle(Message message) throws JMSException {
        long start = System.nanoTime();
        String id = message.getJMSMessageID();
        BodyFormat format = BodyFormat.JSON;
        SyncRequest request = null;
        try {
            String body = MessageBodies.text(message, maxBytes);
            format = BodyFormat.of(body);
            request = format == BodyFormat.XML ? XML.read(body) : JSON.read(body);
            new RequestValidator(maxObjects).validate(request);
            SyncReply reply = SyncReply.of(sync(request));
            replies.publish(message, format, reply, null);
            SyncRequest applied = request;
            LOG.info(() -> String.format("Request %s: %s of %d objects -> %s (%d ms)", id, applied.operation(),
                    reply.statuses().size(), reply.outcome(), (System.nanoTime() - start) / 1_000_000));
            return Disposition.DONE;
        } catch (RequestRejectedException e) {
            replies.publish(message, format, SyncReply.rejected(e.problems()), e.getMessage());
            forwarder.park(message, e.getMessage());
            LOG.info(() -> "Request " + id + " rejected and parked: " + e.getMessage());
            return Disposition.DONE;
        } catch (RuntimeException e) {
            // Marketo unreachable, circuit open, retries spent, or an unexpected failure: the request
            // was not (fully) applied. Let the broker try again later, up to the delivery limit.
            String reason = e instanceof MarketoException m ? m.describe() : e.toString();
            int delivery = message.getIntProperty("JMSXDeliveryCount");
            if (delivery < maxAttempts) {
                LOG.warning(() -> "Request " + id + " delivery " + delivery + " of " + maxAttempts
                        + " failed, will be redelivered: " + reason);
                return Disposition.REDELIVER;
            }
            String error = "not applied after " + delivery + " deliveries: " + reason;
            List<ObjectStatus> failed = request == null ? List.of()
                    : request.objects().stream().map(o -> ObjectStatus.failed(o, error)).toList();
            replies.publish(message, format, SyncReply.failed(failed), error);
            forwarder.deadLetter(message, error, delivery);
            LOG.log(Level.SEVERE, "Request " + id + " dead-lettered: " + error, e);
            return Disposition.DONE;
        }
    }

    /** Calls of at most the backend's limit, statuses merged in request order. */
    private List<ObjectStatus> sync(SyncRequest request) {
        int perCall = marketo.backend().maxObjectsPerCall();
        List<ObjectStatus> statuses = new ArrayList<>(request.objects().size());
        for (int from = 0; from < request.objects().size(); from += perCall) {
            List<MObject> chunk = request.objects().subList(from, Math.min(from + perCall, request.objects().size()));
            try {
                statuses.addAll(marketo.syncMObjects(request.operation(), chunk));
            } catch (MarketoFaultException | MarketoCredentialsException e) {
                // Marketo refused this call as such: each of its objects fails with Marketo's words.
                chunk.forEach(o -> statuses.add(ObjectStatus.failed(o, e.describe())));
            }
        }
        return statuses;
    }
}
