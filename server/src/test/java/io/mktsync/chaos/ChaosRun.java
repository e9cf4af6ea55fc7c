package io.mktsync.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * would create a duplicate) sent to the plugin, one node or a cluster, disrupted while it drains:
 * each disruption after an equal share of the replies. Then it counts what came out, from the
 * sender's side and Marketo's, and how long Marketo went without a call after each disruption.
 */
public final class ChaosRun {

    /** Something done to the plugin while it drains; says what it did, for the report. */
    @FunctionalInterface
    public interface Disruption {
        String apply() throws Exception;
    }

    /** @param marketosLimits whether the simulator enforces Marketo's limits: 100 calls per 20 s, 10 at once */
    public record Settings(int requests, long simulatorLatencyMs, Duration drainTimeout, boolean marketosLimits) {
    }

    /** Marketo's answers when a call breaks its limits (SOAP, REST). */
    private static final Set<String> REFUSALS = Set.of("20023", "20024", "606", "615");

    /**
     * One disruption done: what, after how many replies, and when the simulator received its next
     * call after the disruption began (a call in flight at a kill is still answered, so the time it
     * was received is what tells when calls began again).
     */
    public record Done(String words, int afterReplies, Duration nextMarketoCall, Duration nextReply) {
    }

    public record Report(int sent, int replies, int duplicateReplies, Map<String, Integer> outcomes, int objects,
                         int duplicateCreates, int missing, int deadLetters, Duration drain, Duration sending,
                         int calls, int refusedCalls, List<Done> disruptions) {

        /** Every request answered once, SUCCEEDED, and its object created once in Marketo; nothing dead-lettered. */
        public void assertNothingLostOrDoubled() {
            assertEquals(sent, replies, "every request answered");
            assertEquals(0, duplicateReplies, "answered once");
            assertEquals(Map.of("SUCCEEDED", sent), outcomes);
            assertEquals(sent, objects, "every object in Marketo");
            assertEquals(0, duplicateCreates);
            assertEquals(0, missing);
            assertEquals(0, deadLetters);
        }

        public String table() {
            List<String> lines = new ArrayList<>(List.of(
                    "| requests sent | replies received | duplicate replies | objects in simulator | duplicate creates | missing | dead letters | time to drain | calls refused by Marketo's limits |",
                    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                    String.format("| %d | %d | %d | %d | %d | %d | %d | %.1f s | %d |", sent, replies, duplicateReplies, objects,
                            duplicateCreates, missing, deadLetters, seconds(drain), refusedCalls),
                    "",
                    String.format("The requests were sent in %.1f s; the time to drain runs from the first sent to the last reply."
                            + " Marketo received %d calls.", seconds(sending), calls),
                    "",
                    "| disruption | after replies | next Marketo call after | next reply after |",
                    "|---|---:|---:|---:|"));
            for (Done d : disruptions) {
                // Calls carry up to 300 objects: a burst may be all in Marketo while its replies still go out.
                lines.add(String.format("| %s | %d | %s | %s |", d.words(), d.afterReplies(),
                        d.nextMarketoCall() == null ? "none: every object sent before" : after(d.nextMarketoCall()),
                        after(d.nextReply())));
            }
            lines.add("");
            lines.add("reply outcomes: " + outcomes);
            return String.join("\n", lines);
        }

        private static String after(Duration d) {
            return d == null ? "none" : String.format("%.1f s", seconds(d));
        }

        private static double seconds(Duration d) {
            return d.toMillis() / 1000.0;
        }
    }

    private final String jmsUrl;
    private final Settings settings;
    private final List<Disruption> disruptions;
    private JMSContext context;
    private JMSConsumer consumer;
    private final Map<String, Set<String>> repliesByRequest = new HashMap<>();
    /** When each reply was received, in order (epoch milliseconds). */
    private final List<Long> replyTimes = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    /** Requests go to, and replies come from, the broker at {@code jmsUrl} (queue ChaosReplies, which must exist). */
    public ChaosRun(String jmsUrl, Settings settings, List<Disruption> disruptions) {
        this.jmsUrl = jmsUrl;
        this.settings = settings;
        this.disruptions = disruptions;
    }

    public Report run() throws Exception {
        Simulator.reset();
        Simulator.faults("{\"latencyMs\":" + settings.simulatorLatencyMs()
                + (settings.marketosLimits() ? ",\"rateLimitCalls\":100,\"rateLimitWindowMs\":20000,\"concurrencyLimit\":10" : "") + "}");
        String prefix = "CHAOS-" + System.currentTimeMillis() + "-";
        long start = System.nanoTime();
        connect();
        send(prefix);
        Duration sending = Duration.ofNanos(System.nanoTime() - start);

        List<String> words = new ArrayList<>();
        List<Integer> afterReplies = new ArrayList<>();
        List<Long> began = new ArrayList<>();
        int n = disruptions.size();
        for (int i = 0; i < n; i++) {
            collect(settings.requests() * (i + 1) / (n + 1), Duration.ofMinutes(5));
            // Closed around each disruption: it may take the broker with it (a node's own).
            disconnect();
            afterReplies.add(repliesByRequest.size());
            began.add(System.currentTimeMillis());
            words.add(disruptions.get(i).apply());
            connect();
        }
        collect(settings.requests(), settings.drainTimeout());
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        int deadLetters = count("DLQ");
        disconnect();

        List<JsonObject> calls = Simulator.calls();
        int refused = (int) calls.stream().filter(c -> REFUSALS.contains(c.getString("answer", ""))).count();
        List<Long> received = calls.stream().map(c -> c.getJsonNumber("received").longValue()).sorted().toList();
        List<Done> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long from = began.get(i);
            Duration next = received.stream().filter(t -> t > from).findFirst()
                    .map(t -> Duration.ofMillis(t - from)).orElse(null);
            Duration nextReply = replyTimes.stream().filter(t -> t > from).findFirst()
                    .map(t -> Duration.ofMillis(t - from)).orElse(null);
            done.add(new Done(words.get(i), afterReplies.get(i), next, nextReply));
        }

        Map<String, Integer> perKey = new HashMap<>();
        for (JsonObject o : Simulator.opportunities(null)) {
            if (o.getString("externalKeyValue", "").startsWith(prefix)) {
                perKey.merge(o.getString("externalKeyValue"), 1, Integer::sum);
            }
        }
        int objects = perKey.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateReplies = repliesByRequest.values().stream().mapToInt(s -> s.size() - 1).sum();
        return new Report(settings.requests(), repliesByRequest.size(), duplicateReplies, outcomes, objects,
                objects - perKey.size(), settings.requests() - perKey.size(), deadLetters, drain, sending, calls.size(), refused, done);
    }

    /**
     * In transactions of 100 requests: the broker writes its journal to disk (a replicated pair, to
     * both disks) once per commit instead of once per message, so that the burst is one, and the
     * disruptions find the plugin draining it.
     */
    private void send(String prefix) {
        try (JMSContext tx = new ActiveMQConnectionFactory(jmsUrl).createContext(Jms.USER, Jms.PASSWORD, JMSContext.SESSION_TRANSACTED)) {
            Queue requests = tx.createQueue("SyncRequests");
            JMSProducer producer = tx.createProducer().setJMSReplyTo(tx.createQueue("ChaosReplies"));
            for (int i = 0; i < settings.requests(); i++) {
                producer.send(requests, Requests.opportunity("INSERT", prefix + i, "Chaos " + i));
                if (i % 100 == 99 || i == settings.requests() - 1) {
                    tx.commit();
                }
            }
        }
    }

    /** Receives replies until this many requests are answered; a broken connection is reopened. */
    private void collect(int answered, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (repliesByRequest.size() < answered && System.nanoTime() < deadline) {
            try {
                Message m = Jms.checked(consumer.receive(500));
                if (m != null) {
                    replyTimes.add(System.currentTimeMillis());
                }
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

    /** As an operator counts them: no other role may read the dead letters. */
    private int count(String queue) throws JMSException {
        try (JMSContext operator = new ActiveMQConnectionFactory(jmsUrl).createContext(Jms.OPERATOR, Jms.OPERATOR_PASSWORD);
             QueueBrowser browser = operator.createBrowser(operator.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private void connect() {
        context = new ActiveMQConnectionFactory(jmsUrl).createContext(Jms.USER, Jms.PASSWORD);
        consumer = context.createConsumer(context.createQueue("ChaosReplies"));
    }

    private void disconnect() {
        if (context != null) {
            try {
                context.close();
            } catch (JMSRuntimeException ignored) {
                // the broker is gone already; nothing to close
            }
            context = null;
        }
    }
}
