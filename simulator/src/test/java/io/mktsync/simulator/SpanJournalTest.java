package io.mktsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class SpanJournalTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT = "b7ad6b7169203331";
    private static final String CHILD = "00f067aa0ba902b7";

    private final SpanJournal journal = new SpanJournal();

    @Test
    void recordsEverySpanWithHexIdsItsParentAndTypedAttributes() throws IOException {
        journal.record(OtlpTraceServlet.read(new ByteArrayInputStream(request().toByteArray()), null));

        List<SpanJournal.Span> spans = journal.spans();
        assertEquals(2, spans.size());

        SpanJournal.Span parent = spans.get(0);
        assertEquals(new SpanJournal.Span(TRACE, PARENT, "", "mktsync.requests process", "CONSUMER",
                1_700_000_000_000_000_000L, 1_700_000_000_250_000_000L, "OK", "mktsync",
                Map.of("messaging.system", "jms")), parent);

        SpanJournal.Span child = spans.get(1);
        assertEquals(TRACE, child.traceId());
        assertEquals(CHILD, child.spanId());
        assertEquals(PARENT, child.parentSpanId());
        assertEquals("POST", child.name());
        assertEquals("CLIENT", child.kind());
        assertEquals("ERROR", child.statusCode());
        assertEquals("mktsync", child.serviceName());
        assertEquals(Map.of(
                "http.request.method", "POST",
                "http.response.status_code", 503L,
                "mktsync.latency.ratio", 0.5,
                "mktsync.retried", true,
                "mktsync.objects", List.of("OPP-1", "OPP-2"),
                "mktsync.codes", List.of(20011L, 20015L)), child.attributes());
        assertEquals(List.of("http.request.method", "http.response.status_code", "mktsync.latency.ratio",
                "mktsync.retried", "mktsync.objects", "mktsync.codes"), List.copyOf(child.attributes().keySet()),
                "attributes in the order the span lists them");
    }

    @Test
    void readsAGzippedBody() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            request().writeTo(gzip);
        }
        journal.record(OtlpTraceServlet.read(new ByteArrayInputStream(gzipped.toByteArray()), "gzip"));

        assertEquals(List.of(PARENT, CHILD), journal.spans().stream().map(SpanJournal.Span::spanId).toList());
    }

    @Test
    void refusesABodyThatIsNoRequest() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        assertThrows(InvalidProtocolBufferException.class,
                () -> OtlpTraceServlet.read(new ByteArrayInputStream(garbage), null));
        assertThrows(IOException.class,
                () -> OtlpTraceServlet.read(new ByteArrayInputStream(request().toByteArray()), "gzip"),
                "a body that says gzip but is not");
    }

    @Test
    void aResourceWithoutServiceNameAndClearing() {
        journal.record(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(PARENT, null, "root").build())))
                .build());
        SpanJournal.Span span = journal.spans().get(0);
        assertEquals("", span.serviceName());
        assertEquals("", span.parentSpanId());
        assertEquals("INTERNAL", span.kind());
        assertEquals("UNSET", span.statusCode());
        assertTrue(span.attributes().isEmpty());

        journal.clear();
        assertTrue(journal.spans().isEmpty());
    }

    private static ExportTraceServiceRequest request() {
        Span parent = span(PARENT, null, "mktsync.requests process")
                .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_000_250_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                .addAttributes(attribute("messaging.system", AnyValue.newBuilder().setStringValue("jms")))
                .build();
        Span child = span(CHILD, PARENT, "POST")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("503"))
                .addAttributes(attribute("http.request.method", AnyValue.newBuilder().setStringValue("POST")))
                .addAttributes(attribute("http.response.status_code", AnyValue.newBuilder().setIntValue(503)))
                .addAttributes(attribute("mktsync.latency.ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
                .addAttributes(attribute("mktsync.retried", AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(attribute("mktsync.objects", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("OPP-1"))
                        .addValues(AnyValue.newBuilder().setStringValue("OPP-2")))))
                .addAttributes(attribute("mktsync.codes", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(20011))
                        .addValues(AnyValue.newBuilder().setIntValue(20015)))))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(attribute("service.name", AnyValue.newBuilder().setStringValue("mktsync")))
                                .addAttributes(attribute("telemetry.sdk.language", AnyValue.newBuilder().setStringValue("java"))))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(parent))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(child)))
                .build();
    }

    private static Span.Builder span(String spanId, String parentSpanId, String name) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(bytes(TRACE))
                .setSpanId(bytes(spanId))
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_INTERNAL);
        if (parentSpanId != null) {
            span.setParentSpanId(bytes(parentSpanId));
        }
        return span;
    }

    private static KeyValue attribute(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }
}
