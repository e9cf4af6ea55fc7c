package io.mktsync.marketo;

import io.mktsync.metrics.MarketoCallMetrics;
import io.mktsync.tracing.RequestTraces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Each exchange a backend has with Marketo, counted in the metrics and traced in its requests' traces. */
@ApplicationScoped
public class MarketoExchanges {

    private MarketoCallMetrics metrics;
    private RequestTraces traces;

    MarketoExchanges() {
        // for CDI's proxy
    }

    @Inject
    public MarketoExchanges(MarketoCallMetrics metrics, RequestTraces traces) {
        this.metrics = metrics;
        this.traces = traces;
    }

    /**
     * One exchange, just ended.
     *
     * @param objects          the objects it carried (0 for a read)
     * @param marketoRequestId Marketo's {@code requestId} (REST), or null
     * @param result           {@link MarketoCallMetrics#OK}, Marketo's error code, {@code HTTP nnn} or {@code IO}
     */
    public void exchanged(String api, String operation, int objects, String marketoRequestId, String result, Instant start) {
        metrics.called(api, operation, objects, result);
        traces.exchanged(api, operation, objects, marketoRequestId, result, start);
    }
}
