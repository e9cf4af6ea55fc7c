package io.mktsync.health;

import io.mktsync.coalescing.CoalescingSettings;
import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.dispatch.DispatcherState;
import io.mktsync.limits.CallLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * How the cluster spends Marketo's limits, as the dispatching node counts them (only it calls
 * Marketo, so its figures are the cluster's): calls in flight, in the current window, today, callers
 * waiting for a permit, and how well coalescing fills calls. Down while the daily budget is spent:
 * requests then wait in the store until it resets.
 */
@Readiness
@ApplicationScoped
public class LimitsReadiness implements HealthCheck {

    @Inject
    ClusterView cluster;

    @Inject
    CoalescingSettings coalescing;

    @Override
    public HealthCheckResponse call() {
        DispatcherState state = cluster.current().state();
        CallLimiter.Usage usage = state.limits();
        CoalescingStats.Figures figures = state.synced();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("marketo-limits")
                .withData("callsInFlight", usage.inFlight())
                .withData("concurrencyLimit", usage.concurrency())
                .withData("callsInWindow", usage.inWindow())
                .withData("callsPerWindow", usage.callsPerWindow())
                .withData("windowMs", usage.windowMs())
                .withData("callsToday", usage.usedToday())
                .withData("dailyBudget", usage.dailyBudget())
                .withData("waitingForPermit", usage.waiting())
                .withData("coalescing", coalescing.enabled())
                .withData("coalescingMaxWaitMs", coalescing.maxWaitMs())
                .withData("requestsSynced", figures.requests())
                .withData("callsMade", figures.calls())
                .withData("objectsPerCall", String.valueOf(figures.objectsPerCall()));
        state.budgetHold().ifPresentOrElse(h -> response.down()
                .withData("hold", h.kind().name())
                .withData("budgetResetsAt", h.until().toString())
                .withData("reason", h.reason()), response::up);
        return response.build();
    }
}
