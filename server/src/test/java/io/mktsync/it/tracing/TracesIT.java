package io.mktsync.it.tracing;

import static io.mktsync.it.Requests.opportunity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backend;
import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import io.mktsync.sender.TraceParent;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Traces (docs/observability.md, "Traces"): a request sent with a W3C {@code traceparent} continues
 * that trace in a request span, whose Marketo call is a child span with the documented attributes;
 * the reply carries the trace back, as a child of the request span. The spans are read from the
 * simulator's OTLP collector stand-in, where WildFly's opentelemetry subsystem exports them.
 */
class TracesIT extends MktsyncIT {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Duration EXPORTED = Duration.ofSeconds(30);

    @Test
    void aProducersTraceContinuesIntoTheRequestItsMarketoCallAndTheReply() throws Exception {
        String trace = TRACE.substring(0, 16) + Long.toHexString(System.nanoTime() | 1L << 60);
        String producerSpan = "00f067aa0ba902b7";
        String id = client.send(opportunity("INSERT", "OPP-TRACE" + System.nanoTime(), "Traced"),
                Map.of(TraceParent.PROPERTY, "00-" + trace + "-" + producerSpan + "-01"));
        SyncClient.Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
        assertEquals("SUCCEEDED", reply.outcome());
        String replyParent = (String) reply.properties().get(TraceParent.PROPERTY);
        assertEquals(trace, TraceParent.traceId(replyParent), "the reply carries the producer's trace: " + replyParent);

        String operation = Backend.rest() ? "syncOpportunities" : "syncMObjects";
        JsonObject request = await().atMost(EXPORTED).until(() -> span(trace, "process SyncRequests"), Optional::isPresent).get();
        assertEquals(producerSpan, request.getString("parentSpanId"), "the request span is the producer's child");
        assertEquals("CONSUMER", request.getString("kind"));
        assertEquals("SyncRequests", request.getJsonObject("attributes").getString("messaging.destination.name"));

        JsonObject call = await().atMost(EXPORTED).until(() -> span(trace, "Marketo " + operation), Optional::isPresent).get();
        assertEquals(request.getString("spanId"), call.getString("parentSpanId"), "the Marketo call is the request span's child");
        assertEquals("CLIENT", call.getString("kind"));
        JsonObject attributes = call.getJsonObject("attributes");
        assertEquals(Backend.current().property(), attributes.getString("marketo.api"));
        assertEquals(operation, attributes.getString("marketo.operation"));
        assertEquals(1, attributes.getJsonNumber("marketo.objects").intValue());
        assertEquals(1, attributes.getJsonNumber("mktsync.request.objects").intValue());
        assertEquals("ok", attributes.getString("marketo.result"));
        if (Backend.rest()) {
            assertTrue(attributes.getString("marketo.request_id").matches("[0-9a-f]+#[0-9a-f]+"),
                    "Marketo's requestId: " + attributes.getString("marketo.request_id"));
        }

        JsonObject published = await().atMost(EXPORTED).until(() -> span(trace, "publish SyncReplies"), Optional::isPresent).get();
        assertEquals(request.getString("spanId"), published.getString("parentSpanId"), "the reply is the request span's child");
        assertEquals("SUCCEEDED", published.getJsonObject("attributes").getString("mktsync.outcome"));
        assertEquals(published.getString("spanId"), replyParent.substring(36, 52), "the reply's traceparent names its span");
    }

    @Test
    void aRequestWithoutATraceStartsOneAndARefusedCallIsAnErrorSpan() throws Exception {
        // Marketo's transient "system error" (not applied) once, 611 on REST: retried, then applied.
        Simulator.faults("{\"failures\":[{\"code\":20011,\"times\":1}]}");
        String id = client.send(opportunity("INSERT", "OPP-UNTRACED" + System.nanoTime(), "Untraced"),
                Map.of(TraceParent.PROPERTY, "not a traceparent"));
        SyncClient.Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
        String trace = TraceParent.traceId((String) reply.properties().get(TraceParent.PROPERTY));
        assertTrue(trace != null, "the reply carries the trace mktsync started");
        JsonObject request = await().atMost(EXPORTED).until(() -> span(trace, "process SyncRequests"), Optional::isPresent).get();
        assertEquals("", request.getString("parentSpanId"), "a new trace: the request span is its root");
        List<JsonObject> refused = await().atMost(EXPORTED).until(() -> Simulator.spans(trace).stream()
                .filter(s -> s.getString("name").startsWith("Marketo ") && "ERROR".equals(s.getString("statusCode"))).toList(),
                l -> !l.isEmpty());
        assertEquals(Backend.rest() ? "611" : "20011", refused.get(0).getJsonObject("attributes").getString("marketo.result"));
        assertEquals("SUCCEEDED", reply.outcome(), "the retry was applied");
    }

    private static Optional<JsonObject> span(String trace, String name) {
        return Simulator.spans(trace).stream().filter(s -> s.getString("name").equals(name)).findFirst();
    }
}
