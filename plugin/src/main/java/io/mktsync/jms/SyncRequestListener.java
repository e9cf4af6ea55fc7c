package io.mktsync.jms;

import io.mktsync.dispatch.Dispatcher;
import io.mktsync.metrics.RequestMetrics;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import io.mktsync.request.LogSafe;
import io.mktsync.store.RequestStore;
import io.mktsync.tracing.RequestTraces;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry: takes each request message from {@code SyncRequests} into the store. Outside any
 * transaction: the store commits the request, then the container acknowledges the message (lazily,
 * {@code Dups-ok-acknowledge}); a message delivered again after a crash between the two is recognised
 * by its id in the store. No Marketo call and no waiting here: the {@link Dispatcher} takes stored
 * requests to Marketo. A rejected or unreadable request is parked, then answered, both with
 * duplicate-detection ids, so that a second delivery does neither twice; a copy of a request already
 * replied is answered with its first copy's statuses.
 *
 * <p>{@code maxSession} (system property {@code mktsync.intake.sessions}, 16) is how many messages are
 * taken at once; a producer that needs its requests applied in order across sessions sends them in
 * one message group ({@code JMSXGroupID}), which the broker gives to one session at a time.
 */
@MessageDriven(name = "SyncRequestListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/SyncRequests"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Dups-ok-acknowledge"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${mktsync.intake.sessions:${env.MKTSYNC_INTAKE_SESSIONS:16}}")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncRequestListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SyncRequestListener.class.getName());

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @Inject
    RequestReader reader;

    @Inject
    RequestStore store;

    @Inject
    ReplyPublisher replies;

    @Inject
    MessageForwarder forwarder;

    @Inject
    Dispatcher dispatcher;

    @Inject
    RequestMetrics metrics;

    @Inject
    RequestTraces traces;

    @Override
    public void onMessage(Message message) {
        try {
            ReceivedRequest read = reader.read(message);
            ReceivedRequest r = read.with(traces.received(read.envelope()));
            if (r.rejection() != null) {
                String why = r.rejection().getMessage();
                forwarder.park(jms, r, why);
                answer(r, SyncReply.rejected(r.rejection().problems()), ReplyPublisher.Notes.error(why));
            } else if (r.unreadable() != null) {
                unreadable(r);
            } else {
                received(r);
            }
        } catch (JMSException e) {
            // The broker failed us: the container rolls the transaction back and the message comes again.
            throw new JMSRuntimeException("request not taken: " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private void received(ReceivedRequest r) throws JMSException {
        RequestStore.Received stored = store.receive(r.envelope(), Instant.now());
        switch (stored.arrival()) {
            case STORED, REOPENED -> dispatcher.wake();
            case DUPLICATE_OF_REPLIED -> {
                answer(r, stored.firstReply(), new ReplyPublisher.Notes(stored.firstError(), null, 1, true));
                LOG.info(() -> "Request " + LogSafe.of(r.envelope().requestId()) + " came again; answered with its first statuses");
            }
            case DUPLICATE_WAITS -> LOG.info(() -> "Request " + LogSafe.of(r.envelope().requestId())
                    + " came again while its first copy waits; it gets the same reply");
            case REDELIVERED -> LOG.fine(() -> "Message " + r.envelope().messageId() + " was stored before");
        }
    }

    /**
     * Reading it broke on something no check foresaw: answered FAILED and parked for an operator. The
     * reply names the kind of failure only; the log has the rest.
     */
    private void unreadable(ReceivedRequest r) throws JMSException {
        String error = "mktsync could not process this request (" + r.unreadable().getClass().getSimpleName()
                + "); it is kept in SyncRequestsParked for an operator";
        LOG.warning(() -> "Request " + r.envelope().requestId() + " could not be read and is parked: " + LogSafe.of(r.unreadable()));
        LOG.log(Level.FINE, "Request could not be read", r.unreadable());
        forwarder.park(jms, r, error);
        answer(r, SyncReply.givenUp(List.<ObjectStatus>of()), ReplyPublisher.Notes.error(error));
    }

    /** A reply the intake sends itself: nothing of it was applied now. */
    private void answer(ReceivedRequest r, SyncReply reply, ReplyPublisher.Notes notes) throws JMSException {
        replies.publish(jms, r.envelope(), reply, notes);
        metrics.answered(reply, false, r.envelope().sentAt(), Instant.now());
    }
}
