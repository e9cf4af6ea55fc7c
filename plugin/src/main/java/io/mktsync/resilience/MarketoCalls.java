package io.mktsync.resilience;

import io.mktsync.attempts.AttemptGuard;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.attempts.Synced;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoUnavailableException;
import io.mktsync.request.SyncOperation;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One Marketo call, guarded by one fault-tolerance policy whatever backend runs.
 *
 * <p>Only what may pass retries: outages, timeouts, Marketo's internal errors; and only those count
 * against the breaker. Everything Marketo answers deliberately (a refused call, refused credentials,
 * a spent quota, a rate limit) fails at once: those are handled by {@link MarketoAccess}, and a bad
 * request cannot open the circuit for everyone. Nor does a held call permit of the node's call
 * limiter (waited for inside the timeout: every retry is a call and takes a permit).
 *
 * <p>The retry wraps the breaker, so the breaker counts every attempt. One call makes at most
 * 1 + 3 attempts; the breaker opens on 5 failures among the last 6 attempts, so one call's blip is
 * absorbed by its retries, while an outage opens it on the sixth failed attempt (the second call).
 * See docs/jms-contract.md, "When Marketo says no", for the arithmetic. The whole
 * retry budget bounds how long one call takes; see the
 * configuration table in docs/configuration.md. Every value is overridable through MicroProfile Config, e.g.
 * {@code io.mktsync.resilience.MarketoCalls/syncMObjects/Retry/maxRetries=5}.
 */
@ApplicationScoped
public class MarketoCalls {

    /** The circuit breaker's name, for health and for resetting it. */
    public static final String BREAKER = "marketo";

    @Inject
    MarketoBackend backend;

    @Inject
    AttemptGuard guard;

    @Retry(maxRetries = 3, delay = 1000, jitter = 500, maxDuration = 100_000,
            retryOn = {MarketoUnavailableException.class, TimeoutException.class},
            abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = 30_000, successThreshold = 1,
            failOn = {MarketoUnavailableException.class, TimeoutException.class})
    @CircuitBreakerName(BREAKER)
    @Timeout(60_000)
    public Synced syncMObjects(SyncOperation operation, List<ObjectAttempt> objects) {
        return guard.send(backend, operation, objects);
    }

    public MarketoBackend backend() {
        return backend;
    }

    /** The breaker's state; empty until its first call. */
    public static Optional<CircuitBreakerState> breakerState(CircuitBreakerMaintenance breakers) {
        try {
            return Optional.of(breakers.currentState(BREAKER));
        } catch (IllegalArgumentException notYetKnown) {
            return Optional.empty();
        }
    }
}
