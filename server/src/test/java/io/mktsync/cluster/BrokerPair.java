package io.mktsync.cluster;

import io.mktsync.chaos.PluginNode;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The replicated ActiveMQ Artemis pair of {@code config/cluster/broker.sh} (live on 61616, backup on
 * 61716), made afresh in a folder of its own for one test, and stopped after it.
 */
public final class BrokerPair implements AutoCloseable {

    private static final String PAIR = "(tcp://127.0.0.1:61616,tcp://127.0.0.1:61716)";
    /** How remote JMS clients (the test, like an enterprise application) reach the pair. */
    public static final String URL = PAIR + "?ha=true&reconnectAttempts=-1&enable1xPrefixes=true";
    /** broker.sh's default user of the nodes (role amq), which may create durable queues. */
    private static final String NODE_USER = "mktsync-node";
    private static final String NODE_PASSWORD = "mktsync-node-Pw1!";

    private final Path script = Path.of(System.getProperty("mktsync.broker-script", "../config/cluster/broker.sh"));
    private final Path artemisHome = Path.of(System.getProperty("mktsync.artemis-home", "target/apache-artemis-2.40.0"));
    private final Path dir;
    private final Path log;

    /** The instances go to {@code dir}/live and {@code dir}/backup; broker.sh's output to {@code dir}.log. */
    public BrokerPair(Path dir) {
        this.dir = dir;
        this.log = dir.resolveSibling(dir.getFileName() + ".log");
    }

    /**
     * New instances, both started (the backup in sync with the live), and the durable queue the test
     * takes its replies from, which must outlive the test's connections and the failover (a
     * temporary queue would not).
     */
    public void start() throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            // A run that died left its brokers running, or at least their journals: neither may carry over.
            broker("stop", "all");
            PluginNode.delete(dir);
        }
        broker("create");
        broker("start", "all");
        run(List.of(dir.resolve("live/bin/artemis").toString(), "queue", "create", "--silent",
                "--name=jms.queue.ChaosReplies", "--address=jms.queue.ChaosReplies", "--anycast", "--durable",
                "--preserve-on-no-consumers", "--auto-create-address",
                "--url=tcp://127.0.0.1:61616", "--user=" + NODE_USER, "--password=" + NODE_PASSWORD));
    }

    /**
     * How many consumers the active broker has on {@code queue} (its full name, e.g.
     * {@code jms.queue.SyncRequests}), asked through Artemis' management queue.
     */
    public static int consumers(String queue) {
        // Without enable1xPrefixes: the management queue's name is taken as it is.
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(PAIR + "?ha=true");
             QueueConnection connection = factory.createQueueConnection(NODE_USER, NODE_PASSWORD)) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, session.createQueue("activemq.management"));
            connection.start();
            Message ask = session.createMessage();
            JMSManagementHelper.putAttribute(ask, ResourceNames.QUEUE + queue, "consumerCount");
            return ((Number) JMSManagementHelper.getResult(requestor.request(ask))).intValue();
        } catch (Exception e) {
            throw new IllegalStateException("no consumer count of " + queue, e);
        }
    }

    /** {@code kill -9} of the live broker; returns once the backup has taken over. */
    public void killLive() throws IOException, InterruptedException {
        broker("kill", "live");
        broker("wait", "backup", "active", "60");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        broker("stop", "all");
    }

    private void broker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "-d", dir.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("ARTEMIS_HOME", artemisHome.toAbsolutePath().toString());
        Process p = pb.start();
        // broker.sh waits for the pair itself (start all: 2 × 120 s at most; stop: 30 s each).
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + ": no end after 5 minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "); see " + log);
        }
    }
}
