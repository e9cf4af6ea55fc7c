package io.mktsync.chaos;

import io.mktsync.it.Jms;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A burst of one-object INSERT requests (each by its own external key, the case where a replay
 * would create a duplicate) sent to the plugin node, disrupted while it drains: {@code kill -9},
 * graceful stop, undeploy. Then it counts what came out, from the sender's side and Marketo's.
 */
final class ChaosRun {

    enum Disruption {
        KILL("kill -9"), STOP("graceful stop"), REDEPLOY("undeploy + deploy");

        final String words;

        Disruption(String words) {
            this.words = words;
        }
    }

    record Settings(int requests, List<Disruption> disruptions, long simulatorLatencyMs, Duration drainTimeout) {
    }

    record Report(int sent, int replies, int duplicateReplies, Map<String, Integer> outcomes, int objects,
                  int duplicateCreates, int missing, int deadLetters, Duration drain, List<String> disruptions) {

        String table() {
            return String.join("\n",
                    "| requests sent | replies received | duplicate replies | objects in simulator | duplicate creates | missing | dead letters | time to drain |",
                    "|---:|---:|---:|---:|---:|---:|---:|---:|",
                    String.format("| %d | %d | %d | %d | %d | %d | %d | %.1f s |", sent, replies, duplicateReplies, objects,
                            duplicateCreates, missing, deadLetters, drain.toMillis() / 1000.0),
                    "",
                    "reply outcomes: " + outcomes,
                    "disruptions: " + String.join("; ", disruptions));
        }
    }

    private final PluginNode node;
    private final Settings settings;
    private JMSContext context;
    private JMSConsumer consumer;
    private final Map<String, Set<String>> repliesByRequest = new HashMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    ChaosRun(PluginNode node, Settings settings) {
        this.node = node;
        this.settings = settings;
    }

    Report run() throws Exception {
        Simulator.reset();
        Simulator.faults("{\"latencyMs\":" + settings.simulatorLatencyMs() + "}");
        String prefix = "CHAOS-" + System.currentTimeMillis() + "-";
        long start = System.nanoTime();
        connect();
        send(prefix);

        List<String> done = new ArrayList<>();
        int n = settings.disruptions().size();
        for (int i = 0; i < n; i++) {
            int threshold = settings.requests() * (i + 1) / (n + 1);
            collect(threshold, Duration.ofMinutes(5));
            Disruption d = settings.disruptions().get(i);
            disconnect();
            switch (d) {
                case KILL -> {
                    node.kill();
                    node.start();
                }
                case STOP -> {
                    node.stop();
                    node.start();
                }
                case REDEPLOY -> node.redeploy();
            }
            done.add(d.words + " after " + repliesByRequest.size() + " replies");
            connect();
        }
        collect(settings.requests(), settings.drainTimeout());
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        int deadLetters = count("DLQ");
        disconnect();

        Map<String, Integer> perKey = new HashMap<>();
        for (JsonObject o : Simulator.opportunities(null)) {
            if (o.getString("externalKeyValue", "").startsWith(prefix)) {
                perKey.merge(o.getString("externalKeyValue"), 1, Integer::sum);
            }
        }
        int objects = perKey.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateReplies = repliesByRequest.values().stream().mapToInt(s -> s.size() - 1).sum();
        return new Report(settings.requests(), repliesByRequest.size(), duplicateReplies, outcomes, objects,
                objects - perKey.size(), settings.requests() - perKey.size(), deadLetters, drain, done);
    }

    private void send(String prefix) {
        Queue requests = context.createQueue("SyncRequests");
        Queue replies = context.createQueue("ChaosReplies");
        JMSProducer producer = context.createProducer().setJMSReplyTo(replies);
        for (int i = 0; i < settings.requests(); i++) {
            producer.send(requests, Requests.opportunity("INSERT", prefix + i, "Chaos " + i));
        }
    }

    /** Receives replies until this many requests are answered; a broken connection is reopened. */
    private void collect(int answered, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (repliesByRequest.size() < answered && System.nanoTime() < deadline) {
            try {
                Message m = Jms.checked(consumer.receive(500));
                if (m != null && repliesByRequest.computeIfAbsent(m.getJMSCorrelationID(), k -> new HashSet<>())
                        .add(m.getJMSMessageID())) {
                    outcomes.merge(m.getStringProperty("mktsync_outcome"), 1, Integer::sum);
                }
            } catch (JMSRuntimeException e) {
                disconnect();
                connect();
            }
        }
    }

    private int count(String queue) throws JMSException {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private void connect() {
        context = new ActiveMQConnectionFactory(PluginNode.JMS_URL).createContext(Jms.USER, Jms.PASSWORD);
        consumer = context.createConsumer(context.createQueue("ChaosReplies"));
    }

    private void disconnect() {
        if (context != null) {
            try {
                context.close();
            } catch (JMSRuntimeException ignored) {
                // the node is gone already; nothing to close
            }
            context = null;
        }
    }
}
