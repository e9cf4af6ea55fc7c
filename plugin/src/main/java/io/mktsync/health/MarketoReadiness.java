package io.mktsync.health;

import io.mktsync.dispatch.DispatcherState;
import io.mktsync.marketo.MarketoBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when requests can reach Marketo: this node's settings are complete, and at the dispatching
 * node (this one, or the one another node of the cluster names) the circuit is not open and no hold
 * is on (spent quota, refused credentials). When not, {@code reason} says why in an operator's words;
 * the data also shows when a held quota is tried again and a rate-limit back-off.
 */
@Readiness
@ApplicationScoped
public class MarketoReadiness implements HealthCheck {

    @Inject
    MarketoBackend backend;

    @Inject
    ClusterView cluster;

    @Override
    public HealthCheckResponse call() {
        DispatcherState state = cluster.current().state();
        List<String> reasons = new ArrayList<>();
        List<String> missing = backend.missingSettings();
        if (!missing.isEmpty()) {
            reasons.add("Marketo settings missing: " + String.join(", ", missing));
        }
        if ("OPEN".equals(state.circuitBreaker())) {
            reasons.add("circuit breaker open after repeated Marketo failures; calls resume after its delay");
        }
        state.hold().ifPresent(h -> reasons.add(h.reason()));

        HealthCheckResponseBuilder response = HealthCheckResponse.named("marketo")
                .status(reasons.isEmpty())
                .withData("backend", backend.name())
                .withData("circuitBreaker", state.circuitBreaker());
        backend.endpoint().ifPresent(e -> response.withData("endpoint", e));
        state.hold().ifPresent(h -> {
            response.withData("hold", h.kind().name());
            if (h.nextTrial() != null) {
                response.withData("nextTrial", h.nextTrial().toString());
                response.withData("quotaResetsAt", h.until().toString());
            }
        });
        state.rateLimitedUntil().ifPresent(t -> response.withData("rateLimitedUntil", t.toString()));
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        return response.build();
    }
}
