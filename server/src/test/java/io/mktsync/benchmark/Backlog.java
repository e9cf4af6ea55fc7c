package io.mktsync.benchmark;

import io.mktsync.it.Jms;
import io.mktsync.sender.ReplySummary;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;

/**
 * A benchmark's own JMS client: sends a backlog in one transaction (it appears on the queue at
 * once), and a listener notes when each reply arrives; then the steady-state throughput of the
 * replies. Used by the one-node benchmark and the cluster's.
 */
public final class Backlog implements AutoCloseable {

    /** Marketo's rate window: the limiter lets calls through in bursts this far apart. */
    public static final long MARKETO_WINDOW_MS = 20_000;

    private final JMSContext context;
    private final JMSContext sending;
    private final Queue requests;
    private final TemporaryQueue replies;
    private final JMSConsumer consumer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> repliedAt = new ConcurrentHashMap<>();

    /** On the broker at {@code url} (the one-node server's, or a cluster's broker pair). */
    public Backlog(String url) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        context = factory.createContext(Jms.USER, Jms.PASSWORD);
        sending = factory.createContext(Jms.USER, Jms.PASSWORD, JMSContext.SESSION_TRANSACTED);
        requests = context.createQueue(SyncClient.REQUEST_QUEUE);
        replies = context.createTemporaryQueue();
        consumer = context.createConsumer(replies);
        consumer.setMessageListener(this::replied);
    }

    /** The one-node server's broker. */
    public Backlog() {
        this(SyncClient.DEFAULT_URL);
    }

    private void replied(Message m) {
        try {
            repliedAt.put(m.getJMSCorrelationID(), System.nanoTime());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendAll(List<String> bodies) throws JMSException {
        List<String> ids = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            TextMessage m = sending.createTextMessage(body);
            m.setJMSReplyTo(replies);
            sending.createProducer().send(requests, m);
            ids.add(m.getJMSMessageID());
        }
        sending.commit();
        long now = System.nanoTime();
        ids.forEach(id -> sentAt.put(id, now));
    }

    public void awaitReplies(int count) {
        Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> repliedAt.size() >= count);
    }

    public long[] replyTimes() {
        return repliedAt.values().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    public long[] latenciesMs() {
        return repliedAt.entrySet().stream().mapToLong(e -> (e.getValue() - sentAt.get(e.getKey())) / 1_000_000)
                .sorted().toArray();
    }

    public long p50() {
        return ReplySummary.percentile(latenciesMs(), 50);
    }

    public long p99() {
        return ReplySummary.percentile(latenciesMs(), 99);
    }

    /**
     * Objects answered per second in steady state: from the start of the second burst of replies to
     * the start of the last, a whole number of windows (the whole run when nothing held calls back).
     */
    public double steadyObjectsPerSecond(int objectsPerRequest) {
        long[] done = replyTimes();
        List<Integer> bursts = burstStarts(done);
        int from = bursts.size() >= 3 ? bursts.get(1) : 0;
        int to = bursts.size() >= 3 ? bursts.get(bursts.size() - 1) : done.length - 1;
        double seconds = Math.max(1e-9, (done[to] - done[from]) / 1e9);
        return (long) (to - from) * objectsPerRequest / seconds;
    }

    /** Where a burst of replies starts: after a pause of more than a tenth of a window. */
    private static List<Integer> burstStarts(long[] replies) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 1; i < replies.length; i++) {
            if (replies[i] - replies[i - 1] > MARKETO_WINDOW_MS * 100_000) {
                starts.add(i);
            }
        }
        return starts;
    }

    @Override
    public void close() {
        sending.close();
        context.close();
    }
}
