package io.mktsync.jms;

import io.mktsync.request.BodyFormat;
import java.time.Instant;
import java.util.Map;

/**
 * What the plugin keeps of a request message to answer it or forward it after the message itself is
 * acknowledged: its identity, where and how its reply goes, its body and its producer's properties.
 *
 * @param requestId     the producer's {@code mktsync_requestId}, else the message id: a request sent twice is recognised by it
 * @param messageId     the id of the message that brought this copy
 * @param correlationId what the reply carries as JMSCorrelationID: the message's own, else its message id
 * @param replyTo       the message's JMSReplyTo as {@link ReplyAddress} writes it, or null
 * @param properties    the producer's properties, for the parked or dead-lettered copy
 * @param sentAt        when the producer sent it (JMSTimestamp), or null when it sent none: the start of send→reply time
 * @param traceParent   the W3C traceparent of the request's span, which its calls and reply continue, or null before intake
 */
public record RequestEnvelope(String requestId, String messageId, String correlationId, String replyTo,
                              BodyFormat format, String body, Map<String, Object> properties,
                              Instant sentAt, String traceParent) {

    public RequestEnvelope {
        properties = Map.copyOf(properties);
    }

    public RequestEnvelope withTraceParent(String traceParent) {
        return new RequestEnvelope(requestId, messageId, correlationId, replyTo, format, body, properties, sentAt, traceParent);
    }
}
