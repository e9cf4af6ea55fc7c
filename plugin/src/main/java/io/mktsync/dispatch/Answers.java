package io.mktsync.dispatch;

import io.mktsync.jms.MessageForwarder;
import io.mktsync.jms.ReplyPublisher;
import io.mktsync.jms.RequestEnvelope;
import io.mktsync.metrics.RequestMetrics;
import io.mktsync.reply.SyncReply;
import io.mktsync.store.RequestStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * Sends what the dispatcher decided: replies, and parked or dead-lettered copies, in one local JMS
 * transaction, then marks the requests answered in the store. In that order, so that a crash in
 * between cannot lose a reply: the request is still waiting after the restart and is answered again,
 * and the broker's duplicate detection refuses the repeat (see {@link ReplyPublisher}). The broker
 * refuses a whole transaction that holds one repeat, so after such a refusal each answer goes in a
 * transaction of its own, and one the broker refuses as a repeat was sent before.
 */
@ApplicationScoped
public class Answers {

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory factory;

    @Inject
    ReplyPublisher replies;

    @Inject
    MessageForwarder forwarder;

    @Inject
    RequestStore store;

    @Inject
    RequestMetrics metrics;

    private JMSContext jms;

    /** Where a request's copy goes besides its reply. */
    enum Copy {
        NONE,
        PARKED,
        DEAD_LETTER
    }

    /** One request's answer. */
    record Answer(long seq, RequestEnvelope envelope, SyncReply reply, ReplyPublisher.Notes notes, Copy copy) {
    }

    /** Only the dispatcher's pass calls this, one at a time. */
    void send(List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        sendOnce(answers, (jms, destinations, a) -> {
            replies.publish(jms, destinations, a.envelope(), a.reply(), a.notes());
            switch (a.copy()) {
                case PARKED -> forwarder.park(jms, a.envelope(), a.notes().error());
                case DEAD_LETTER -> forwarder.deadLetter(jms, a.envelope(), a.notes().error(), a.notes().attempts());
                case NONE -> { }
            }
        });
        Instant now = Instant.now();
        store.answered(answers.stream().map(a -> new RequestStore.Answered(a.seq(), a.copy() != Copy.NONE, a.reply(),
                a.notes().error())).toList(), now);
        answers.forEach(a -> metrics.answered(a.reply(), true, a.envelope().sentAt(), now));
    }

    /** Answers later copies of answered requests with the first copy's reply. */
    void sendDuplicates(List<RequestStore.DueDuplicate> due) {
        if (due.isEmpty()) {
            return;
        }
        sendOnce(due, (jms, destinations, d) -> replies.publish(jms, destinations, d.envelope(), d.reply(),
                new ReplyPublisher.Notes(d.error(), null, 1, true)));
        store.duplicatesAnswered(due);
        Instant now = Instant.now();
        due.forEach(d -> metrics.answered(d.reply(), false, null, now));
    }

    private interface Sends {
        void on(JMSContext jms, ReplyPublisher.Destinations destinations) throws JMSException;
    }

    private interface SendsOne<T> {
        void on(JMSContext jms, ReplyPublisher.Destinations destinations, T answer) throws JMSException;
    }

    /** All in one transaction; after the broker refused a repeat in it, each alone, repeats skipped. */
    private <T> void sendOnce(List<T> answers, SendsOne<T> sends) {
        try {
            inTransaction((jms, destinations) -> {
                for (T a : answers) {
                    sends.on(jms, destinations, a);
                }
            });
        } catch (RuntimeException e) {
            if (!isRepeat(e)) {
                throw e;
            }
            for (T a : answers) {
                try {
                    inTransaction((jms, destinations) -> sends.on(jms, destinations, a));
                } catch (RuntimeException alone) {
                    if (!isRepeat(alone)) {
                        throw alone;
                    }
                }
            }
        }
    }

    /** The broker refused a message whose duplicate-detection id it has seen: sent before. */
    private static boolean isRepeat(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof JMSException j && j.getLinkedException() != null
                ? j.getLinkedException() : t.getCause()) {
            if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }

    private void inTransaction(Sends sends) {
        try {
            if (jms == null) {
                jms = factory.createContext(JMSContext.SESSION_TRANSACTED);
            }
            sends.on(jms, new ReplyPublisher.Destinations());
            jms.commit();
        } catch (JMSException | RuntimeException e) {
            // Nothing of it was sent: the requests stay waiting and are answered in a later pass.
            close();
            throw e instanceof RuntimeException r ? r : new JMSRuntimeException(e.getMessage(), null, e);
        }
    }

    @PreDestroy
    void close() {
        if (jms != null) {
            try {
                jms.close();
            } catch (JMSRuntimeException ignored) {
                // Closing a broken context: nothing left to release.
            }
            jms = null;
        }
    }
}
