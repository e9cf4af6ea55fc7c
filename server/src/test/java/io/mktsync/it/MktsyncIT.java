package io.mktsync.it;

import static org.awaitility.Awaitility.await;

import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test stands on: the real WildFly (started by Arquillian) with the plugin
 * and the simulator deployed as they are built, a remote JMS client, and clean state before each
 * test: simulator reset, circuit breaker closed, nothing waiting in the store.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class MktsyncIT {

    private static final Path DEPLOYMENTS = Path.of(System.getProperty("mktsync.deployments", "target/deployments"));

    protected SyncClient client;

    @Deployment(name = "simulator", order = 1, testable = false)
    public static WebArchive simulator() {
        return war("simulator.war");
    }

    @Deployment(name = "mktsync", order = 2, testable = false)
    public static WebArchive plugin() {
        return war("mktsync.war");
    }

    private static WebArchive war(String name) {
        File file = DEPLOYMENTS.resolve(name).toFile();
        return ShrinkWrap.createFromZipFile(WebArchive.class, file);
    }

    @BeforeEach
    void cleanState() {
        Simulator.reset();
        Plugin.resume();
        // What an earlier test left waiting in the store goes to the reset simulator before this test starts.
        await().atMost(Duration.ofSeconds(60)).until(() -> Backlog.waiting() == 0);
        Simulator.clearCalls();
        client = Jms.client();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** Sends a request with a temporary reply queue and returns its reply, failing if none comes. */
    protected SyncClient.Reply request(String body) throws JMSException {
        return client.request(body, Jms.REPLY_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no reply within " + Jms.REPLY_TIMEOUT));
    }

    /** The replies to these requests, in their order, failing if one does not come. */
    protected List<SyncClient.Reply> replies(List<String> ids) throws JMSException {
        List<SyncClient.Reply> replies = new ArrayList<>(ids.size());
        for (String id : ids) {
            replies.add(client.awaitReply(id, Jms.REPLY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no reply to " + id + " within " + Jms.REPLY_TIMEOUT)));
        }
        return replies;
    }

    /** One of the sample requests shipped in sender/examples. */
    protected static String example(String name) {
        try {
            return Files.readString(Path.of(System.getProperty("mktsync.examples", "../sender/examples"), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
