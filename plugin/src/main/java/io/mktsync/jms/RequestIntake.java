package io.mktsync.jms;

import io.mktsync.coalescing.CoalescingSettings;
import io.mktsync.request.LogSafe;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JMS entry: one consumer of the request queue, taking it in queue order a delivery batch at a
 * time, each batch one local JMS transaction on the broker. The replies and every parked,
 * dead-lettered or postponed copy are sent in that transaction, so a request is acknowledged exactly
 * when its outcome is published; a crash before the commit leaves the whole batch on the queue.
 *
 * <p>One consumer keeps the queue's order (an MDB's concurrent sessions would not), and batching is
 * what lets many small requests share a Marketo call: the calls of a batch run at once, up to the
 * call limiter's concurrency. On undeploy the batch in hand is finished before the consumer closes.
 */
@ApplicationScoped
public class RequestIntake {

    private static final Logger LOG = Logger.getLogger(RequestIntake.class.getName());
    private static final long IDLE_POLL_MS = 1000;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/SyncRequests")
    Queue queue;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    RequestReader reader;

    @Inject
    BatchHandler handler;

    @Inject
    CoalescingSettings coalescing;

    private volatile boolean running;
    private Thread consumer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        running = true;
        consumer = threads.newThread(this::consume);
        consumer.setName("mktsync-intake");
        consumer.start();
        LOG.info(() -> "Taking requests from " + queue + (coalescing.enabled()
                ? " with coalescing (wait " + coalescing.maxWaitMs() + " ms)" : " without coalescing"));
    }

    /** Before any bean of the plugin goes away: the batch in hand still needs them. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object undeploying) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.join(TimeUnit.MINUTES.toMillis(5));
            LOG.info("Stopped taking requests");
        }
    }

    private void consume() {
        while (running) {
            try (JMSContext jms = factory.createContext(JMSContext.SESSION_TRANSACTED);
                 JMSConsumer requests = jms.createConsumer(queue)) {
                while (running) {
                    DeliveryBatch batch = receive(requests);
                    if (!batch.isEmpty()) {
                        process(jms, batch);
                    }
                }
            } catch (RuntimeException | JMSException e) {
                // Whatever failed, the consumer must not die with it: what it held is rolled back with its session.
                LOG.warning(() -> "Request queue consumer failed; reconnecting: " + LogSafe.of(e));
                LOG.log(Level.FINE, "Request queue consumer failed", e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS));
            }
        }
    }

    /** The first waiting message, then more until the batch is full or the wait after the first is over. */
    private DeliveryBatch receive(JMSConsumer requests) throws JMSException {
        DeliveryBatch batch = handler.newBatch();
        Message first = requests.receive(IDLE_POLL_MS);
        if (first == null) {
            return batch;
        }
        batch.add(reader.read(first));
        // The wait counts from when the first request was sent, so that one that already waited in
        // the queue (behind the batch before) does not wait again. A sender's clock off from ours can
        // only make the wait shorter or the full one; a message without a timestamp waits in full.
        long now = System.currentTimeMillis();
        long sent = first.getJMSTimestamp();
        long waited = sent == 0 ? 0 : Math.max(0, now - sent);
        long deadline = now + Math.max(0, coalescing.maxWaitMs() - waited);
        while (!batch.full()) {
            long left = deadline - System.currentTimeMillis();
            Message next = left > 0 ? requests.receive(left) : requests.receiveNoWait();
            if (next == null) {
                break;
            }
            batch.add(reader.read(next));
        }
        return batch;
    }

    private void process(JMSContext jms, DeliveryBatch batch) {
        try {
            handler.handle(batch, jms);
            jms.commit();
        } catch (JMSException | RuntimeException e) {
            // Nothing of the batch is acknowledged or published: the broker delivers it again.
            LOG.severe(() -> "Delivery batch of " + batch.requests().size() + " requests rolled back: " + LogSafe.of(e));
            LOG.log(Level.FINE, "Delivery batch rolled back", e);
            jms.rollback();
        }
    }
}
