package io.mktsync.health;

import io.mktsync.store.RequestStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * How many requests wait in the store and why, as of the dispatcher's last pass: {@code inCall},
 * {@code gathering} (for a fuller call), {@code ordered} (behind an object they must follow),
 * {@code FAILED_ATTEMPT} (until their next attempt), a hold ({@code QUOTA_HOLD}, {@code CREDENTIALS_HOLD},
 * {@code DAILY_BUDGET}), {@code CIRCUIT_OPEN}, {@code CALL_LIMITER}, or {@code ready}. Always UP: a
 * backlog is work, not a fault; the {@code marketo} and {@code marketo-limits} checks say when calls cannot go.
 * {@code dispatcher}: the node that dispatches for every node sharing the store, which counts what
 * waits; {@code dispatcherSeenAt}: when it last said so, seen from another node;
 * {@code requestsStoredHere}: the new requests this node's intake stored since it started.
 */
@Readiness
@ApplicationScoped
public class BacklogReadiness implements HealthCheck {

    @Inject
    ClusterView cluster;

    @Inject
    RequestStore store;

    @Override
    public HealthCheckResponse call() {
        ClusterView.View view = cluster.current();
        var backlog = view.state().backlog();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mktsync-backlog").up()
                .withData("requestsWaiting", backlog.waiting())
                .withData("dispatcher", view.dispatcher())
                .withData("requestsStoredHere", store.storedHere());
        if (view.seenAt() != null) {
            response.withData("dispatcherSeenAt", view.seenAt().toString());
        }
        for (Map.Entry<String, Integer> why : backlog.why().entrySet()) {
            response.withData("waiting." + why.getKey(), why.getValue());
        }
        return response.build();
    }
}
