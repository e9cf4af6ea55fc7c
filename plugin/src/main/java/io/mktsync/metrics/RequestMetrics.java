package io.mktsync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of requests, counted on the node that answered them: every request answered by
 * outcome ({@code mktsync_requests_answered_total}; a later copy answered with the first copy's
 * statuses counts too), the objects of first answers by status and backend
 * ({@code mktsync_objects_total}), and how long a request took from its producer's send to its reply
 * ({@code mktsync_request_reply_seconds}, for messages that carry a JMSTimestamp).
 */
@ApplicationScoped
public class RequestMetrics {

    private static final Duration[] REPLY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};

    private MeterRegistry registry;
    private MarketoBackend backend;

    RequestMetrics() {
        // for CDI's proxy
    }

    @Inject
    public RequestMetrics(@Exported MeterRegistry registry, MarketoBackend backend) {
        this.registry = registry;
        this.backend = backend;
    }

    /**
     * One request's reply was sent.
     *
     * @param first  its objects' first answer (not a rejection, nor a later copy answered again)
     * @param sentAt when its producer sent it, or null
     */
    public void answered(SyncReply reply, boolean first, Instant sentAt, Instant now) {
        Counter.builder("mktsync.requests.answered").description("Requests answered, by outcome")
                .tag("outcome", reply.outcome().name()).register(registry).increment();
        if (first) {
            for (ObjectStatus status : reply.statuses()) {
                Counter.builder("mktsync.objects").description("Objects answered, by status and the backend that applied them")
                        .tag("status", status.status().name()).tag("backend", backend.name()).register(registry).increment();
            }
        }
        if (sentAt != null) {
            Timer.builder("mktsync.request.reply").description("From the producer's send to the reply")
                    .serviceLevelObjectives(REPLY_BUCKETS).register(registry)
                    .record(Duration.between(sentAt, now).isNegative() ? Duration.ZERO : Duration.between(sentAt, now));
        }
    }
}
