package io.mktsync.it;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The remote JMS side of the tests: the sender's own client, plus browsing of the holding queues.
 * Every reply the tests receive passes {@link #assertPublishedForm}: the client checks each as it
 * arrives, and tests that receive replies themselves pass them through {@link #checked}.
 */
public final class Jms {

    public static final String USER = System.getProperty("mktsync.user", "mktsync");
    public static final String PASSWORD = System.getProperty("mktsync.password", "mktsync-Pw1!");
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    /** The published reply schemas (docs/jms-contract.md, "Replies"). */
    private static final Path SCHEMAS = Path.of(System.getProperty("mktsync.schemas", "../plugin/src/main/resources/schema"));
    private static final Schema XML_REPLY = xmlSchema();
    private static final JsonSchema JSON_REPLY = jsonSchema();

    private Jms() {
    }

    public static SyncClient client() {
        return new SyncClient(SyncClient.DEFAULT_URL, USER, PASSWORD, Jms::assertPublishedForm);
    }

    /** A reply the test received itself, once its body is checked; null (nothing received) passes through. */
    public static Message checked(Message reply) throws JMSException {
        if (reply != null) {
            assertPublishedForm(SyncClient.toReply(reply));
        }
        return reply;
    }

    /** Fails with the validator's words unless the body is valid against mktsync-reply.xsd (XML) or mktsync-reply.schema.json. */
    public static void assertPublishedForm(SyncClient.Reply reply) {
        String body = reply.body();
        if (body == null) {
            throw new AssertionError("a reply that is not a TextMessage: " + reply);
        }
        if (body.stripLeading().startsWith("<")) {
            try {
                XML_REPLY.newValidator().validate(new StreamSource(new StringReader(body)));
            } catch (SAXException e) {
                throw new AssertionError("reply not valid against mktsync-reply.xsd: " + e.getMessage() + "\n" + body, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            Set<ValidationMessage> problems = JSON_REPLY.validate(body, InputFormat.JSON);
            if (!problems.isEmpty()) {
                throw new AssertionError("reply not valid against mktsync-reply.schema.json: " + problems + "\n" + body);
            }
        }
    }

    /** The messages that were forwarded to a queue (SyncRequestsParked, DLQ) from this request. */
    public static List<Message> forwardedFrom(SyncClient client, String queueName, String requestId) throws JMSException {
        Queue queue = client.context().createQueue(queueName);
        try (QueueBrowser browser = client.context().createBrowser(queue,
                "mktsync_requestId = '" + requestId + "'")) {
            return new ArrayList<>(Collections.list((java.util.Enumeration<Message>) browser.getEnumeration()));
        }
    }

    /** How many messages wait on a queue, seen by a browser. */
    public static int queued(SyncClient client, String queueName) throws JMSException {
        try (QueueBrowser browser = client.context().createBrowser(client.context().createQueue(queueName))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static Schema xmlSchema() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMAS.resolve("mktsync-reply.xsd").toFile());
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema jsonSchema() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(SCHEMAS.resolve("mktsync-reply.schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
