package io.mktsync.jms;

import io.mktsync.attempts.AttemptLog;
import io.mktsync.attempts.ChunkAttempt;
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
import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.MarketoAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Takes one request message to its final outcome: read, validate, sync in calls of at most the
 * backend's limit, reply. It runs inside the MDB's transaction, and every path either ends in a
 * published reply (with the message parked or dead-lettered when it was not applied), puts the
 * message back for later (a hold), or asks for it to be delivered again; nothing is acknowledged
 * without a reply or a successor on the queue.
 *
 * <p>Waiting is not failing: a request that meets a hold, an open circuit breaker, or a message too
 * long for one delivery goes back to the queue without spending a delivery attempt. Only a
 * delivery whose own calls failed counts towards {@code mktsync.delivery.max-attempts}.
 *
 * <p>Marketo calls are not transactional. What a crash or rollback leaves in doubt is settled by the
 * attempt log: a chunk that completed is not sent again, and one that may have been applied is
 * resent only where that cannot create a duplicate ({@link io.mktsync.attempts.ReplaySafety}).
 */
@ApplicationScoped
public class SyncRequestHandler {

    /** What the MDB should do with the delivery. */
    public enum Disposition {
        /** The outcome is final and replied, or the request was moved: commit, acknowledging the message. */
        DONE,
        /** Marketo could not be reached: roll back so the broker redelivers after its delay. */
        REDELIVER
    }

    private static final Logger LOG = Logger.getLogger(SyncRequestHandler.class.getName());
    private static final XmlRequestReader XML = new XmlRequestReader();
    private static final JsonRequestReader JSON = new JsonRequestReader();

    @Inject
    MarketoAccess marketo;

    @Inject
    AttemptLog attempts;

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
    @ConfigProperty(name = "mktsync.request.max-value-length", defaultValue = "32768")
    int maxValueLength;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.continue-after-ms", defaultValue = "60000")
    long continueAfterMs;

    @Inject
    @ConfigProperty(name = "mktsync.outage.recheck-ms", defaultValue = "10000")
    long outageRecheckMs;

    /** Not failed, just not now: the request goes back to the queue for this long. */
    private static final class NotNow extends RuntimeException {
        private final long delayMs;

        NotNow(String message, long delayMs) {
            super(message, null, false, false);
            this.delayMs = delayMs;
        }
    }

    public Disposition handle(Message message) throws JMSException {
        long start = System.nanoTime();
        String id = MessageForwarder.requestId(message);
        BodyFormat format = BodyFormat.JSON;
        SyncRequest request = null;
        try {
            String body = MessageBodies.text(message, maxBytes);
            format = BodyFormat.of(body);
            request = format == BodyFormat.XML ? XML.read(body) : JSON.read(body);
            new RequestValidator(maxObjects, maxValueLength).validate(request);
            SyncReply reply = SyncReply.of(sync(id, request, start));
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
        } catch (NotNow e) {
            forwarder.postpone(message, e.delayMs, e.getMessage());
            LOG.fine(() -> "Request " + id + " " + e.getMessage());
            return Disposition.DONE;
        } catch (RuntimeException e) {
            // Marketo unreachable, circuit open, retries spent, or an unexpected failure: the request
            // was not (fully) applied. Let the broker try again later, up to the delivery limit.
            String reason = e instanceof MarketoException m ? m.describe() : e.toString();
            int delivery = MessageForwarder.failedDeliveriesBefore(message) + 1;
            if (delivery < maxAttempts) {
                LOG.warning(() -> "Request " + id + " delivery " + delivery + " of " + maxAttempts
                        + " failed, will be redelivered: " + reason);
                return Disposition.REDELIVER;
            }
            String error = "not applied after " + delivery + " deliveries: " + reason;
            List<ObjectStatus> known = request == null ? List.of() : knownStatuses(id, request, error);
            replies.publish(message, format, SyncReply.givenUp(known), error);
            forwarder.deadLetter(message, error, delivery);
            LOG.log(Level.SEVERE, "Request " + id + " dead-lettered: " + error, e);
            return Disposition.DONE;
        }
    }

    /**
     * Calls of at most the backend's limit, statuses merged in request order. A chunk done in an
     * earlier delivery is not sent again. Once {@code mktsync.delivery.continue-after-ms} has passed,
     * no further call is started in this delivery: one call's budget must still fit in the
     * transaction timeout.
     */
    private List<ObjectStatus> sync(String requestId, SyncRequest request, long startNanos) {
        List<List<MObject>> chunks = chunks(request);
        List<ObjectStatus> statuses = new ArrayList<>(request.objects().size());
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            List<MObject> objects = chunks.get(chunk);
            ChunkAttempt attempt = attempts.open(requestId, chunk);
            if (attempt.done().isPresent()) {
                statuses.addAll(attempt.done().get());
                continue;
            }
            if (chunk > 0 && (System.nanoTime() - startNanos) / 1_000_000 > continueAfterMs) {
                throw new NotNow("continues in a new delivery after " + chunk + " of " + chunks.size() + " calls", 0);
            }
            try {
                statuses.addAll(marketo.syncMObjects(request.operation(), objects, attempt));
            } catch (HeldException e) {
                throw new NotNow("waits " + e.waitMs() + " ms: " + e.getMessage(), e.waitMs());
            } catch (CircuitBreakerOpenException e) {
                if (attempt.sentInThisDelivery()) {
                    throw e; // this request's own calls failed: a failed delivery
                }
                // Marketo is known to be down: wait for it without spending a delivery attempt.
                throw new NotNow("waits " + outageRecheckMs + " ms: the Marketo circuit breaker is open", outageRecheckMs);
            } catch (MarketoFaultException e) {
                // Marketo refused this call as such: each of its objects fails with Marketo's words.
                List<ObjectStatus> failed = objects.stream().map(o -> ObjectStatus.failed(o, e.describe())).toList();
                attempts.done(attempt, failed);
                statuses.addAll(failed);
            }
        }
        return statuses;
    }

    /** For a request given up: what earlier deliveries did apply, FAILED with the reason for the rest. */
    private List<ObjectStatus> knownStatuses(String requestId, SyncRequest request, String error) {
        List<List<MObject>> chunks = chunks(request);
        List<ObjectStatus> statuses = new ArrayList<>(request.objects().size());
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            List<MObject> objects = chunks.get(chunk);
            statuses.addAll(attempts.open(requestId, chunk).done()
                    .orElseGet(() -> objects.stream().map(o -> ObjectStatus.failed(o, error)).toList()));
        }
        return statuses;
    }

    /** The request's objects in calls of at most the backend's limit, in order. */
    private List<List<MObject>> chunks(SyncRequest request) {
        int perCall = marketo.maxObjectsPerCall();
        List<List<MObject>> chunks = new ArrayList<>();
        for (int from = 0; from < request.objects().size(); from += perCall) {
            chunks.add(request.objects().subList(from, Math.min(from + perCall, request.objects().size())));
        }
        return chunks;
    }
}
