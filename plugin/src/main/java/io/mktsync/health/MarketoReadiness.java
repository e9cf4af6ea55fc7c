package io.mktsync.health;

import io.mktsync.marketo.CredentialStatus;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.resilience.MarketoCalls;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when requests can reach Marketo: its settings are complete, the circuit is not open and
 * Marketo has not refused our credentials. When not, {@code reason} says why in an operator's words.
 */
@Readiness
@ApplicationScoped
public class MarketoReadiness implements HealthCheck {

    @Inject
    MarketoBackend backend;

    @Inject
    CredentialStatus credentials;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState breaker = breakerState();
        List<String> reasons = new ArrayList<>();
        List<String> missing = backend.missingSettings();
        if (!missing.isEmpty()) {
            reasons.add("Marketo settings missing: " + String.join(", ", missing));
        }
        if (breaker == CircuitBreakerState.OPEN) {
            reasons.add("circuit breaker open after repeated Marketo failures; calls resume after its delay");
        }
        credentials.refusal().ifPresent(r -> reasons.add("Marketo refused the credentials: " + r));

        HealthCheckResponseBuilder response = HealthCheckResponse.named("marketo")
                .status(reasons.isEmpty())
                .withData("backend", backend.name())
                .withData("circuitBreaker", breaker == null ? "NOT_USED_YET" : breaker.name());
        backend.endpoint().ifPresent(e -> response.withData("endpoint", e));
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        return response.build();
    }

    private CircuitBreakerState breakerState() {
        try {
            return breakers.currentState(MarketoCalls.BREAKER);
        } catch (IllegalArgumentException notYetKnown) {
            return null;
        }
    }
}
