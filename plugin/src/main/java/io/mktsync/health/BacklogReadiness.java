package io.mktsync.health;

import io.mktsync.cluster.DispatchLease;
import io.mktsync.dispatch.Dispatcher;
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
 * {@code dispatcher}: whether this node dispatches, or another node sharing the store (which then
 * counts what waits).
 */
@Readiness
@ApplicationScoped
public class BacklogReadiness implements HealthCheck {

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchLease lease;

    @Override
    public HealthCheckResponse call() {
        Dispatcher.Backlog backlog = dispatcher.backlog();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mktsync-backlog").up()
                .withData("requestsWaiting", backlog.waiting())
                .withData("dispatcher", lease.held() ? "this node" : "another node");
        for (Map.Entry<String, Integer> why : backlog.why().entrySet()) {
            response.withData("waiting." + why.getKey(), why.getValue());
        }
        return response.build();
    }
}
