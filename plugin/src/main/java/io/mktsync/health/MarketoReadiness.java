package io.mktsync.health;

import io.mktsync.marketo.MarketoBackend;
import io.mktsync.resilience.Hold;
import io.mktsync.resilience.Holds;
import io.mktsync.resilience.MarketoCalls;
import io.mktsync.resilience.RateLimitBackoff;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when requests can reach Marketo: its settings are complete, the circuit is not open, and no
 * hold is on (spent quota, refused credentials). When not, {@code reason} says why in an operator's
 * words; the data also shows when a held quota is tried again and a rate-limit back-off.
 */
@Readiness
@ApplicationScoped
public class MarketoReadiness implements HealthCheck {

    @Inject
    MarketoBackend backend;

    @Inject
    Holds holds;

    @Inject
    RateLimitBackoff backoff;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Override
    public HealthCheckResponse call() {
        Optional<CircuitBreakerState> breaker = MarketoCalls.breakerState(breakers);
        List<String> reasons = new ArrayList<>();
        List<String> missing = backend.missingSettings();
        if (!missing.isEmpty()) {
            reasons.add("Marketo settings missing: " + String.join(", ", missing));
        }
        if (breaker.orElse(null) == CircuitBreakerState.OPEN) {
            reasons.add("circuit breaker open after repeated Marketo failures; calls resume after its delay");
        }
        holds.current().map(Hold::reason).ifPresent(reasons::add);

        HealthCheckResponseBuilder response = HealthCheckResponse.named("marketo")
                .status(reasons.isEmpty())
                .withData("backend", backend.name())
                .withData("circuitBreaker", breaker.map(CircuitBreakerState::name).orElse("NOT_USED_YET"));
        backend.endpoint().ifPresent(e -> response.withData("endpoint", e));
        holds.current().ifPresent(h -> {
            response.withData("hold", h.kind().name());
            if (h.nextTrial() != null) {
                response.withData("nextTrial", h.nextTrial().toString());
                response.withData("quotaResetsAt", h.until().toString());
            }
        });
        backoff.limitedUntil().ifPresent(t -> response.withData("rateLimitedUntil", t.toString()));
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        return response.build();
    }
}
