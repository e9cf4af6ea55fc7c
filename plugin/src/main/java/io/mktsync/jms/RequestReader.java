package io.mktsync.jms;

import io.mktsync.request.BodyFormat;
import io.mktsync.request.JsonRequestReader;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.RequestValidator;
import io.mktsync.request.SyncRequest;
import io.mktsync.request.XmlRequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads and validates a request message, in XML or JSON, within the configured size limits. */
@ApplicationScoped
public class RequestReader {

    private static final XmlRequestReader XML = new XmlRequestReader();
    private static final JsonRequestReader JSON = new JsonRequestReader();

    @Inject
    CopySeal seal;

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
        try {
            body = MessageBodies.text(message, maxBytes);
        } catch (RequestRejectedException e) {
            return new ReceivedRequest(message, Bookkeeping.read(message, body, seal), body, format, null, e, null);
        } catch (RuntimeException e) {
            return new ReceivedRequest(message, Bookkeeping.of(message), body, format, null, null, e);
        }
        Bookkeeping bookkeeping = Bookkeeping.read(message, body, seal);
        try {
            format = BodyFormat.of(body);
            SyncRequest request = format == BodyFormat.XML ? XML.read(body) : JSON.read(body);
            new RequestValidator(maxObjects, maxValueLength).validate(request);
            return new ReceivedRequest(message, bookkeeping, body, format, request, null, null);
        } catch (RequestRejectedException e) {
            return new ReceivedRequest(message, bookkeeping, body, format, null, e, null);
        } catch (RuntimeException e) {
            return new ReceivedRequest(message, bookkeeping, body, format, null, null, e);
        }
    }
}
