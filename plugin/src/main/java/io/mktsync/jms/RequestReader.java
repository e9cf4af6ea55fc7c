package io.mktsync.jms;

import io.mktsync.request.BodyFormat;
import io.mktsync.request.JsonRequestReader;
import io.mktsync.request.Problem;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.RequestValidator;
import io.mktsync.request.SyncRequest;
import io.mktsync.request.XmlRequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads and validates a request message, in XML or JSON, within the configured size limits. */
@ApplicationScoped
public class RequestReader {

    static final String PREFIX = "mktsync_";
    /** The producer's identity of a request: a second message with the same one is the same request. */
    public static final String REQUEST_ID = "mktsync_requestId";
    static final int MAX_REQUEST_ID = 200;

    private static final XmlRequestReader XML = new XmlRequestReader();
    private static final JsonRequestReader JSON = new JsonRequestReader();

    @Inject
    @ConfigProperty(name = "mktsync.request.max-bytes", defaultValue = "1048576")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "mktsync.request.max-objects", defaultValue = "500")
    int maxObjects;

    @Inject
    @ConfigProperty(name = "mktsync.request.max-value-length", defaultValue = "32768")
    int maxValueLength;

    public ReceivedRequest read(Message message) throws JMSException {
        String body = "";
        BodyFormat format = BodyFormat.JSON;
        String requestId = message.getJMSMessageID();
        try {
            requestId = requestId(message);
            body = MessageBodies.text(message, maxBytes);
            format = BodyFormat.of(body);
            SyncRequest request = parse(body, format);
            return new ReceivedRequest(message, envelope(message, body, format, requestId), request, null, null);
        } catch (RequestRejectedException e) {
            return new ReceivedRequest(message, envelope(message, body, format, requestId), null, e, null);
        } catch (RuntimeException e) {
            return new ReceivedRequest(message, envelope(message, body, format, requestId), null, null, e);
        }
    }

    /** A body read and validated again from the store: the same rules as when it arrived. */
    public SyncRequest parse(String body, BodyFormat format) throws RequestRejectedException {
        SyncRequest request = format == BodyFormat.XML ? XML.read(body) : JSON.read(body);
        new RequestValidator(maxObjects, maxValueLength).validate(request);
        return request;
    }

    private static String requestId(Message message) throws JMSException, RequestRejectedException {
        if (!message.propertyExists(REQUEST_ID)) {
            return message.getJMSMessageID();
        }
        Object id = message.getObjectProperty(REQUEST_ID);
        if (!(id instanceof String s) || s.isBlank() || s.length() > MAX_REQUEST_ID) {
            throw new RequestRejectedException(Problem.ofRequest(REQUEST_ID,
                    "must be a string property of 1 to " + MAX_REQUEST_ID + " characters"));
        }
        return s;
    }

    private static RequestEnvelope envelope(Message message, String body, BodyFormat format, String requestId)
            throws JMSException {
        String messageId = message.getJMSMessageID();
        String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : messageId;
        String replyTo = message.getJMSReplyTo() == null ? null : ReplyAddress.of(message.getJMSReplyTo());
        Instant sentAt = message.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(message.getJMSTimestamp());
        return new RequestEnvelope(requestId, messageId, correlation, replyTo, format, body, ProducerProperties.of(message), sentAt, null);
    }
}
