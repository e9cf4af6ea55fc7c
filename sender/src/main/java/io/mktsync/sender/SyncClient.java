package io.mktsync.sender;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Talks to mktsync the way an enterprise application does: a remote JMS client that sends a
 * request to the {@code SyncRequests} queue with a temporary reply queue, and waits for the reply
 * correlated to it. Its requests are one message group ({@code JMSXGroupID}), so that mktsync's
 * intake takes them one after the other, in the order they were sent.
 */
public final class SyncClient implements AutoCloseable {

    /** WildFly's HTTP port carries JMS after an HTTP upgrade; 1.x prefixes make topic names resolve. */
    public static final String DEFAULT_URL =
            "tcp://127.0.0.1:8080?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    /** Where the server's HTTPS port answers JMS (config/configure-server.cli: acceptor https-acceptor). */
    public static final String DEFAULT_TLS_ADDRESS = "127.0.0.1:8443";
    public static final String REQUEST_QUEUE = "SyncRequests";

    /**
     * The server's JMS over TLS: its HTTPS port with an HTTP upgrade, trusting the certificates in
     * {@code trustStore} (PKCS12), the server's name checked against its certificate. The URL holds the
     * trust store's password: never log it.
     */
    public static String tlsUrl(String hostAndPort, Path trustStore, String trustStorePassword) {
        return "tcp://" + hostAndPort + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=https-acceptor&enable1xPrefixes=true"
                + "&sslEnabled=true&verifyHost=true&trustStoreType=PKCS12&trustStorePath=" + trustStore.toAbsolutePath()
                + "&trustStorePassword=" + trustStorePassword;
    }

    /**
     * A reply: its body and its JMS properties (mktsync_outcome, counts...).
     *
     * @param receivedNanos {@link System#nanoTime()} when it reached this client, for send→reply times
     */
    public record Reply(String body, String correlationId, Map<String, Object> properties, long receivedNanos) {
        public String outcome() {
            return String.valueOf(properties.get("mktsync_outcome"));
        }
    }

    private final ActiveMQConnectionFactory factory;
    private final String user;
    private final String password;
    private final JMSContext context;
    private final Queue requests;
    private final TemporaryQueue replies;
    private final String group = "mktsync-sender-" + UUID.randomUUID();
    private final JMSConsumer replyConsumer;
    private final Map<String, Reply> arrived = new HashMap<>();
    private final Consumer<Reply> onReply;
    private volatile String traceParent;

    public SyncClient(String url, String user, String password) {
        this(url, user, password, reply -> { });
    }

    /** A client that shows {@code onReply} every reply as it arrives (the tests check each one's form). */
    public SyncClient(String url, String user, String password, Consumer<Reply> onReply) {
        this.onReply = onReply;
        this.factory = new ActiveMQConnectionFactory(url);
        this.user = user;
        this.password = password;
        this.context = factory.createContext(user, password);
        this.requests = context.createQueue(REQUEST_QUEUE);
        this.replies = context.createTemporaryQueue();
        this.replyConsumer = context.createConsumer(replies);
    }

    /**
     * Requests continue this trace (a {@code traceparent}, see {@link TraceParent}), each as a span of
     * its own; with none, each request starts a trace. A {@code traceparent} among a request's
     * properties is sent as it is.
     */
    public void continueTrace(String traceParent) {
        this.traceParent = traceParent;
    }

    /** Sends one request and waits for its reply; empty if none came within the timeout. */
    public Optional<Reply> request(String body, Duration timeout) throws JMSException {
        String id = send(body, Map.of());
        return awaitReply(id, timeout);
    }

    /** Sends a request with extra JMS properties (a JMSCorrelationID under the key JMSCorrelationID). */
    public String send(String body, Map<String, Object> properties) throws JMSException {
        return send(context, body, properties);
    }

    /**
     * Sends many requests in one JMS transaction, in order: they reach the queue together, as a
     * backlog does. Returns their correlation ids, in order.
     */
    public List<String> sendAll(List<String> bodies) throws JMSException {
        try (JMSContext batch = factory.createContext(user, password, JMSContext.SESSION_TRANSACTED)) {
            List<String> ids = new ArrayList<>(bodies.size());
            for (String body : bodies) {
                ids.add(send(batch, body, Map.of()));
            }
            batch.commit();
            return ids;
        }
    }

    private String send(JMSContext on, String body, Map<String, Object> properties) throws JMSException {
        TextMessage message = on.createTextMessage(body);
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            if ("JMSCorrelationID".equals(p.getKey())) {
                message.setJMSCorrelationID((String) p.getValue());
            } else {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
        }
        message.setJMSReplyTo(replies);
        if (!properties.containsKey(TraceParent.PROPERTY)) {
            message.setStringProperty(TraceParent.PROPERTY, TraceParent.child(traceParent));
        }
        if (!properties.containsKey("JMSXGroupID")) {
            message.setStringProperty("JMSXGroupID", group);
        }
        on.createProducer().send(requests, message);
        return message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : message.getJMSMessageID();
    }

    /**
     * Waits for the reply with this correlation id. Replies to other requests that arrive first are
     * kept for their own {@code awaitReply}, so requests may be awaited in any order.
     */
    public Optional<Reply> awaitReply(String correlationId, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (!arrived.containsKey(correlationId) && (left = deadline - System.nanoTime()) > 0) {
            Message m = replyConsumer.receive(Math.max(1, left / 1_000_000));
            if (m != null) {
                Reply reply = toReply(m);
                onReply.accept(reply);
                arrived.put(String.valueOf(m.getJMSCorrelationID()), reply);
            }
        }
        return Optional.ofNullable(arrived.remove(correlationId));
    }

    public static Reply toReply(Message m) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(m.getPropertyNames())) {
            properties.put((String) name, m.getObjectProperty((String) name));
        }
        String body = m instanceof TextMessage t ? t.getText() : null;
        return new Reply(body, m.getJMSCorrelationID(), properties, System.nanoTime());
    }

    public JMSContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
