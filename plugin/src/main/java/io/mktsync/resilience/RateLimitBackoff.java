package io.mktsync.resilience;

import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.marketo.MarketoUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When Marketo says too many calls (20023) or too many at once (20024), every caller on this node
 * waits until the window has passed, then tries again. The waiting is shared, so one request's rate
 * limit does not eat the retry budget of others, and none of it counts as a failure.
 */
@ApplicationScoped
public class RateLimitBackoff {

    @Inject
    @ConfigProperty(name = "mktsync.limits.rate-backoff-ms", defaultValue = "20000")
    long rateBackoffMs;

    @Inject
    @ConfigProperty(name = "mktsync.limits.concurrency-backoff-ms", defaultValue = "1000")
    long concurrencyBackoffMs;

    @Inject
    @ConfigProperty(name = "mktsync.limits.max-wait-ms", defaultValue = "60000")
    long maxWaitMs;

    private final AtomicLong clearAt = new AtomicLong();

    public void limited(MarketoRateLimitedException e) {
        long until = System.currentTimeMillis() + (e.concurrency() ? concurrencyBackoffMs : rateBackoffMs);
        clearAt.accumulateAndGet(until, Math::max);
    }

    /** The deadline after which a caller gives up waiting for this call. */
    public long deadline() {
        return System.currentTimeMillis() + maxWaitMs;
    }

    /** Waits until Marketo's limits have cleared; a wait beyond the deadline fails as unavailable. */
    public void awaitClearance(long deadline) {
        long wait;
        while ((wait = clearAt.get() - System.currentTimeMillis()) > 0) {
            if (System.currentTimeMillis() + wait > deadline) {
                throw new MarketoUnavailableException("RATE", "Marketo's rate limit did not clear within "
                        + maxWaitMs + " ms (mktsync.limits.max-wait-ms)", true, null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
    }

    public Optional<Instant> limitedUntil() {
        long at = clearAt.get();
        return at > System.currentTimeMillis() ? Optional.of(Instant.ofEpochMilli(at)) : Optional.empty();
    }
}
