package io.mktsync.simulator;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every span exported to the simulator's OTLP collector ({@link OtlpTraceServlet}), so that tests can
 * see what WildFly traced without a real collector: {@code GET /simulator/control/spans}.
 */
@ApplicationScoped
public class SpanJournal {

    /**
     * One span: its trace, span and parent span ids in lowercase hex (the parent {@code ""} for a root
     * span), name, kind ({@code SERVER}, {@code CONSUMER}, ... without OTLP's {@code SPAN_KIND_}
     * prefix), start and end (epoch ns), status ({@code UNSET}, {@code OK} or {@code ERROR}), the
     * {@code service.name} of its resource ({@code ""} if none), and its attributes: a string, long,
     * double or boolean each, a list for an array, a map for a key-value list, hex for bytes.
     */
    public record Span(String traceId, String spanId, String parentSpanId, String name, String kind,
                       long startEpochNanos, long endEpochNanos, String statusCode, String serviceName,
                       Map<String, Object> attributes) {
    }

    private static final HexFormat HEX = HexFormat.of();

    /** The newest spans kept: a benchmark or chaos run exports millions, a test looks at a few. */
    static final int KEPT = 20_000;

    private final ArrayDeque<Span> spans = new ArrayDeque<>();

    /** Records the spans of one export request, in the order it lists them. */
    public void record(ExportTraceServiceRequest request) {
        List<Span> received = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String serviceName = serviceName(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    received.add(new Span(HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()),
                            HEX.formatHex(span.getParentSpanId().toByteArray()),
                            span.getName(),
                            span.getKind().name().replaceFirst("^SPAN_KIND_", ""),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                            span.getStatus().getCode().name().replaceFirst("^STATUS_CODE_", ""),
                            serviceName,
                            attributes(span.getAttributesList())));
                }
            }
        }
        synchronized (this) {
            spans.addAll(received);
            while (spans.size() > KEPT) {
                spans.removeFirst();
            }
        }
    }

    public synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    public synchronized void clear() {
        spans.clear();
    }

    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream()
                .filter(a -> a.getKey().equals("service.name") && a.getValue().hasStringValue())
                .map(a -> a.getValue().getStringValue())
                .findFirst().orElse("");
    }

    private static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            attributes.put(keyValue.getKey(), value(keyValue.getValue()));
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(SpanJournal::value).toList();
            case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
            case BYTES_VALUE -> HEX.formatHex(value.getBytesValue().toByteArray());
            case VALUE_NOT_SET -> null;
        };
    }
}
