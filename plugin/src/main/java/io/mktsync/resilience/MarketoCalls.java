package io.mktsync.resilience;

import io.mktsync.attempts.AttemptGuard;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.marketo.MarketoUnavailableException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.request.SyncOperation;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One Marketo call, guarded by one fault-tolerance policy whatever backend runs.
 *
 * <p>Only what may pass retries: outages, timeouts, Marketo's internal errors. Everything Marketo
 * answers deliberately (a refused call, refused credentials, a spent quota, a rate limit) fails at
 * once and does not count against the breaker: those are handled by {@link MarketoAccess}, and a
 * bad request cannot open the circuit for everyone. Nor does a held call permit of the node's call
 * limiter (waited for inside the timeout: every retry is a call and takes a permit). The whole
 * retry budget bounds how long one delivery batch waits for one call; see the README's
 * configuration table. Every value is overridable through MicroProfile Config, e.g.
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
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000, successThreshold = 1,
            skipOn = {MarketoFaultException.class, MarketoCredentialsException.class,
                    MarketoQuotaException.class, MarketoRateLimitedException.class, HeldException.class})
    @CircuitBreakerName(BREAKER)
    @Timeout(60_000)
    public List<ObjectStatus> syncMObjects(SyncOperation operation, List<ObjectAttempt> objects) {
        return guard.send(backend, operation, objects);
    }

    public MarketoBackend backend() {
        return backend;
    }
}
