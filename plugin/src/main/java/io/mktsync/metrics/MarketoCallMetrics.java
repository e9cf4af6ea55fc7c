package io.mktsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every call to Marketo, by API ({@code rest}, {@code soap}), operation in Marketo's words
 * ({@code syncOpportunities}, {@code syncMObjects}, {@code identity} ...) and result ({@code ok}, or
 * Marketo's error code, {@code HTTP nnn}, {@code IO}): {@code mktsync_marketo_calls_total}. A call
 * that carries objects also adds its count to {@code mktsync_marketo_call_objects}, the histogram
 * of how full calls are (REST takes up to 300, SOAP 100).
 */
@ApplicationScoped
public class MarketoCallMetrics {

    /** The result of a call Marketo answered without an error. */
    public static final String OK = "ok";

    private static final double[] OBJECT_BUCKETS = {1, 10, 50, 100, 200, 250, 290, 300};

    private MeterRegistry registry;

    MarketoCallMetrics() {
        // for CDI's proxy
    }

    @Inject
    public MarketoCallMetrics(@Exported MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param objects the objects the call carried; 0 for a read */
    public void called(String api, String operation, int objects, String result) {
        Counter.builder("mktsync.marketo.calls").description("Calls to Marketo")
                .tag("api", api).tag("operation", operation).tag("result", result)
                .register(registry).increment();
        if (objects > 0) {
            DistributionSummary.builder("mktsync.marketo.call.objects").description("Objects in one Marketo call")
                    .baseUnit("objects").tag("api", api).tag("operation", operation)
                    .serviceLevelObjectives(OBJECT_BUCKETS)
                    .register(registry).record(objects);
        }
    }
}
