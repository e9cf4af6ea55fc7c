package io.mktsync.tracing;

import io.mktsync.jms.RequestEnvelope;
import io.mktsync.metrics.MarketoCallMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Requests in OpenTelemetry traces, exported by WildFly's opentelemetry subsystem
 * (docs/observability.md, "Traces"). A producer's W3C {@code traceparent} property continues into a
 * span for the request, taken at intake; the request keeps that span's traceparent in the store, so
 * its Marketo calls and its reply, made later by whichever node answers it, are children of it. A
 * Marketo call carries objects of several requests, so each exchange is a span in each of their
 * traces. Attributes name the API, the operation, counts, ids and results: never a secret, never a
 * request's data.
 */
@ApplicationScoped
public class RequestTraces {

    /** The JMS property a producer sends its trace context in, and a reply carries it back in. */
    public static final String TRACEPARENT = "traceparent";

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("mktsync.request_id");
    static final AttributeKey<String> API = AttributeKey.stringKey("marketo.api");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("marketo.operation");
    static final AttributeKey<Long> OBJECTS = AttributeKey.longKey("marketo.objects");
    static final AttributeKey<Long> REQUEST_OBJECTS = AttributeKey.longKey("mktsync.request.objects");
    static final AttributeKey<String> MARKETO_REQUEST_ID = AttributeKey.stringKey("marketo.request_id");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("marketo.result");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mktsync.outcome");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final ContextKey<List<InCall>> IN_CALL = ContextKey.named("mktsync.requests-in-call");
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** A request with objects in the call being made: its span's traceparent, and how many of its objects. */
    public record InCall(String traceParent, int objects) {
    }

    private Tracer tracer;

    RequestTraces() {
        // for CDI's proxy
    }

    @Inject
    public RequestTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The request's span, continuing its producer's trace (or starting one); returns the envelope that keeps it. */
    public RequestEnvelope received(RequestEnvelope e) {
        Span span = tracer.spanBuilder("process SyncRequests").setSpanKind(SpanKind.CONSUMER)
                .setParent(context(e.properties().get(TRACEPARENT)))
                .setAttribute("messaging.system", "activemq")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", "SyncRequests")
                .setAttribute("messaging.message.id", e.messageId())
                .setAttribute(REQUEST_ID, e.requestId())
                .startSpan();
        span.end();
        String traceParent = traceParent(span);
        return traceParent == null ? e : e.withTraceParent(traceParent);
    }

    /** Runs one planned Marketo call with its requests known, so that each exchange it makes is traced in theirs. */
    public <T> T during(List<InCall> requests, Supplier<T> call) {
        try (Scope scope = Context.current().with(IN_CALL, List.copyOf(requests)).makeCurrent()) {
            return call.get();
        }
    }

    /**
     * One exchange with Marketo, just ended, as a span in the trace of every request in the call
     * being made (none outside one: a token renewal of its own, for instance).
     *
     * @param objects          the objects it carried (0 for a read)
     * @param marketoRequestId Marketo's {@code requestId}, or null
     * @param result           {@link MarketoCallMetrics#OK}, Marketo's error code, {@code HTTP nnn} or {@code IO}
     */
    public void exchanged(String api, String operation, int objects, String marketoRequestId, String result, Instant start) {
        List<InCall> requests = Context.current().get(IN_CALL);
        if (requests == null) {
            return;
        }
        Instant end = Instant.now();
        for (InCall request : requests) {
            Span span = tracer.spanBuilder("Marketo " + operation).setSpanKind(SpanKind.CLIENT)
                    .setParent(context(request.traceParent())).setStartTimestamp(start)
                    .setAttribute(API, api).setAttribute(OPERATION, operation)
                    .setAttribute(OBJECTS, (long) objects).setAttribute(REQUEST_OBJECTS, (long) request.objects())
                    .setAttribute(RESULT, result)
                    .startSpan();
            if (marketoRequestId != null) {
                span.setAttribute(MARKETO_REQUEST_ID, marketoRequestId);
            }
            if (!MarketoCallMetrics.OK.equals(result)) {
                span.setStatus(StatusCode.ERROR, result);
            }
            span.end(end);
        }
    }

    /** The reply's span, a child of the request's; returns the traceparent the reply carries, or null. */
    public String replying(RequestEnvelope e, String outcome) {
        Span span = tracer.spanBuilder("publish SyncReplies").setSpanKind(SpanKind.PRODUCER)
                .setParent(context(e.traceParent()))
                .setAttribute("messaging.system", "activemq")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", "SyncReplies")
                .setAttribute(REQUEST_ID, e.requestId())
                .setAttribute(OUTCOME, outcome)
                .startSpan();
        span.end();
        return traceParent(span);
    }

    /** The context a traceparent names; with none (or one that is not W3C's), a new trace. */
    private static Context context(Object traceParent) {
        if (!(traceParent instanceof String text)) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, text), FROM_MAP);
    }

    private static String traceParent(Span span) {
        if (!span.getSpanContext().isValid()) {
            return null; // tracing is off (otel.sdk.disabled)
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.root().with(span), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }
}
