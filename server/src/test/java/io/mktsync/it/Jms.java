package io.mktsync.it;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.xml.sax.SAXException;

/**
 * The remote JMS side of the tests: the sender's own client as the build's demo user (a producer and
 * a subscriber), plus what an operator sees of the holding queues.
 * Every reply the tests receive passes {@link #assertPublishedForm}: the client checks each as it
 * arrives, and tests that receive replies themselves pass them through {@link #checked}.
 */
public final class Jms {

    public static final String USER = System.getProperty("mktsync.user", "mktsync");
    public static final String PASSWORD = System.getProperty("mktsync.password", "mktsync-Pw1!");
    /** The build's operator (group mktsync-operator): parked and dead letters, resume. */
    public static final String OPERATOR = System.getProperty("mktsync.operator", "mktsync-ops");
    public static final String OPERATOR_PASSWORD = System.getProperty("mktsync.operator-password", "mktsync-ops-Pw1!");
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

    /** The messages that were forwarded to a queue (SyncRequestsParked, DLQ) from this request, as an operator browses them. */
    public static List<Message> forwardedFrom(String queueName, String requestId) throws JMSException {
        return browse(queueName, "mktsync_requestId = '" + requestId + "'");
    }

    /** Every message on a queue an operator may read (SyncRequestsParked, DLQ), browsed. */
    public static List<Message> browse(String queueName, String selector) throws JMSException {
        try (JMSContext operator = new ActiveMQConnectionFactory(SyncClient.DEFAULT_URL).createContext(OPERATOR, OPERATOR_PASSWORD);
             QueueBrowser browser = operator.createBrowser(operator.createQueue(queueName), selector)) {
            return new ArrayList<>(Collections.list((java.util.Enumeration<Message>) browser.getEnumeration()));
        }
    }

    /**
     * How many messages wait on one of the server's queues, as its management model counts them: no JMS
     * role may browse SyncRequests, whose messages are the intake's alone.
     */
    public static long queued(String queueName) {
        String operation = "/subsystem=messaging-activemq/server=default/jms-queue=" + queueName + ":read-attribute(name=message-count)";
        String output = ServerScripts.run("jboss-cli.sh", "-c", "--command=" + operation);
        Matcher result = Pattern.compile("\"result\" => (\\d+)L?").matcher(output);
        if (!result.find()) {
            throw new AssertionError(operation + "\n" + output);
        }
        return Long.parseLong(result.group(1));
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
