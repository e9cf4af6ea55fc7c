package io.mktsync.coalescing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How requests are gathered into one delivery batch and packed into calls. A batch closes when it
 * needs {@code max-calls} calls, or {@code max-wait-ms} after its first message when the queue has
 * nothing more at once; a backlog therefore always makes full batches, and a request arriving alone
 * waits at most {@code max-wait-ms}. Without coalescing, each request keeps its own calls and the
 * batch takes only what is already waiting.
 */
@ApplicationScoped
public class CoalescingSettings {

    @Inject
    @ConfigProperty(name = "mktsync.coalescing.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "mktsync.coalescing.max-wait-ms", defaultValue = "200")
    long maxWaitMs;

    @Inject
    @ConfigProperty(name = "mktsync.batch.max-calls", defaultValue = "5")
    int maxCalls;

    public boolean enabled() {
        return enabled;
    }

    /** How long a batch waits for more requests after its first. */
    public long maxWaitMs() {
        return enabled ? maxWaitMs : 0;
    }

    public int maxCalls() {
        return maxCalls;
    }
}
